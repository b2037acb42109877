// Region, endpoint and credentials for ECS, read inside the provider process (never captured
// into the serialized provider). Precedence is in CONTRACT.md.
import { inspect } from "util";
import { CredentialsError } from "./errors";
import { redact, registerSecret } from "./redact";

/** What openapi-core reads from `credential.getCredential()`. */
export interface CredentialValues {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  type: string;
  providerName?: string;
}

/** The `credential` handed to the SDK. Secrets live in a closure: logging this object shows none. */
export interface EcsCredential {
  getCredential(): Promise<CredentialValues>;
}

export type CredentialSource = "pulumi-config" | "environment" | "default-chain";

export interface EcsSettings {
  /** Default region (explicit > alicloud:region > ALIBABA_CLOUD_REGION_ID); undefined when none. */
  regionId?: string;
  /** host[:port] without scheme, from ALIBABA_CLOUD_ECS_ENDPOINT; undefined = the SDK's regional endpoint. */
  endpoint?: string;
  protocol: "http" | "https";
  credential: EcsCredential;
  credentialSource: CredentialSource;
}

export interface ResolveEcsSettingsInput {
  /** Pulumi stack config as passed to configure() (`alicloud:region`, `alicloud:accessKey`, ...). */
  config?: Record<string, string | undefined>;
  env?: NodeJS.ProcessEnv;
  regionId?: string;
}

export const CONFIG_KEYS = {
  region: "alicloud:region",
  accessKey: "alicloud:accessKey",
  secretKey: "alicloud:secretKey",
  securityToken: "alicloud:securityToken",
} as const;

export const ENV_KEYS = {
  region: "ALIBABA_CLOUD_REGION_ID",
  endpoint: "ALIBABA_CLOUD_ECS_ENDPOINT",
  accessKeyId: "ALIBABA_CLOUD_ACCESS_KEY_ID",
  accessKeySecret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  securityToken: "ALIBABA_CLOUD_SECURITY_TOKEN",
} as const;

export function resolveEcsSettings(input: ResolveEcsSettingsInput = {}): EcsSettings {
  const config = input.config ?? {};
  const env = input.env ?? process.env;
  const { endpoint, protocol } = parseEndpoint(env[ENV_KEYS.endpoint]);
  return {
    regionId: nonEmpty(input.regionId) ?? nonEmpty(config[CONFIG_KEYS.region]) ?? nonEmpty(env[ENV_KEYS.region]),
    endpoint,
    protocol,
    ...resolveCredential(config, env),
  };
}

/** `http://h:p/` -> plain HTTP; `https://h` or a bare host -> HTTPS. Scheme and trailing slashes stripped. */
export function parseEndpoint(raw: string | undefined): { endpoint?: string; protocol: "http" | "https" } {
  const value = nonEmpty(raw);
  if (!value) return { protocol: "https" };
  const match = /^(https?):\/\//i.exec(value);
  const protocol = match?.[1].toLowerCase() === "http" ? "http" : "https";
  const endpoint = value.slice(match ? match[0].length : 0).replace(/\/+$/, "");
  return { endpoint: endpoint || undefined, protocol };
}

function resolveCredential(
  config: Record<string, string | undefined>,
  env: NodeJS.ProcessEnv,
): { credential: EcsCredential; credentialSource: CredentialSource } {
  const fromConfig = keyTriple(config, CONFIG_KEYS.accessKey, CONFIG_KEYS.secretKey, CONFIG_KEYS.securityToken);
  if (fromConfig) return { credential: staticCredential(fromConfig), credentialSource: "pulumi-config" };
  // The same variables the default chain reads first; read here so an injected env is honoured.
  const fromEnv = keyTriple(env, ENV_KEYS.accessKeyId, ENV_KEYS.accessKeySecret, ENV_KEYS.securityToken);
  if (fromEnv) return { credential: staticCredential(fromEnv), credentialSource: "environment" };
  return { credential: defaultChainCredential(), credentialSource: "default-chain" };
}

interface KeyTriple {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** Both halves of a key pair, nothing, or a clear error naming the missing half. */
function keyTriple(
  source: Record<string, string | undefined>,
  idKey: string,
  secretKey: string,
  tokenKey: string,
): KeyTriple | undefined {
  const accessKeyId = nonEmpty(source[idKey]);
  const accessKeySecret = nonEmpty(source[secretKey]);
  const securityToken = nonEmpty(source[tokenKey]);
  if (!accessKeyId && !accessKeySecret) return undefined;
  if (!accessKeyId || !accessKeySecret) {
    throw new CredentialsError(`${accessKeyId ? secretKey : idKey} is not set but ${accessKeyId ? idKey : secretKey} is`);
  }
  registerSecret(accessKeySecret);
  registerSecret(securityToken);
  return { accessKeyId, accessKeySecret, securityToken };
}

function staticCredential(keys: KeyTriple): EcsCredential {
  const values: CredentialValues = {
    ...keys,
    type: keys.securityToken ? "sts" : "access_key",
    providerName: keys.securityToken ? "static_sts" : "static_ak",
  };
  return opaque(`static ${values.type} credential for ${keys.accessKeyId}`, async () => ({ ...values }));
}

/** The official @alicloud/credentials default chain, with its failure turned into a clear error. */
function defaultChainCredential(): EcsCredential {
  let chain: { getCredential(): Promise<any> } | undefined;
  return opaque("Alibaba Cloud default credential chain", async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const Credential = require("@alicloud/credentials").default;
    chain ??= new Credential();
    try {
      const model = await chain!.getCredential();
      if (!model?.accessKeyId && !model?.bearerToken) throw new Error("the chain returned no access key");
      registerSecret(model.accessKeySecret);
      registerSecret(model.securityToken);
      return model as CredentialValues;
    } catch (err) {
      // The chain remembers the last provider it tried even when all failed: start afresh next time.
      chain = undefined;
      if (err instanceof CredentialsError) throw err;
      throw new CredentialsError(
        `No Alibaba Cloud credentials found (default credential chain: ${redact(String((err as Error)?.message ?? err))})`,
      );
    }
  });
}

function opaque(label: string, getCredential: () => Promise<CredentialValues>): EcsCredential {
  return {
    getCredential,
    toJSON: () => `[${label}]`,
    [inspect.custom]: () => `[${label}]`,
  } as EcsCredential;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
