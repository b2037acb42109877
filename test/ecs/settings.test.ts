// Region / endpoint / credential resolution, and the error when no credential exists anywhere.
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { inspect } from "util";
import { createEcsApi } from "../../provider/ecs/client";
import { CredentialsError, EcsError } from "../../provider/ecs/errors";
import { parseEndpoint, resolveEcsSettings } from "../../provider/ecs/settings";
import { FakeEcsServer, startFakeEcs } from "../support/fake-ecs-server";

const KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIenv", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret-123" };

describe("region precedence", () => {
  const env = { ...KEYS, ALIBABA_CLOUD_REGION_ID: "env-region" };
  const config = { "alicloud:region": "config-region" };
  test("explicit > alicloud:region > ALIBABA_CLOUD_REGION_ID > undefined", () => {
    expect(resolveEcsSettings({ regionId: "explicit", config, env }).regionId).toBe("explicit");
    expect(resolveEcsSettings({ config, env }).regionId).toBe("config-region");
    expect(resolveEcsSettings({ config: {}, env }).regionId).toBe("env-region");
    expect(resolveEcsSettings({ config: { "alicloud:region": "" }, env: KEYS }).regionId).toBeUndefined();
  });
});

describe("endpoint parsing", () => {
  test.each([
    ["http://127.0.0.1:18080", { endpoint: "127.0.0.1:18080", protocol: "http" }],
    ["http://127.0.0.1:18080/", { endpoint: "127.0.0.1:18080", protocol: "http" }],
    ["HTTP://localhost:1//", { endpoint: "localhost:1", protocol: "http" }],
    ["https://ecs.eu-central-1.aliyuncs.com", { endpoint: "ecs.eu-central-1.aliyuncs.com", protocol: "https" }],
    ["ecs-vpc.cn-hangzhou.aliyuncs.com", { endpoint: "ecs-vpc.cn-hangzhou.aliyuncs.com", protocol: "https" }],
    ["  ", { protocol: "https" }],
    [undefined, { protocol: "https" }],
  ])("%s", (raw, expected) => {
    expect(parseEndpoint(raw)).toEqual(expected);
  });

  test("comes from ALIBABA_CLOUD_ECS_ENDPOINT", () => {
    const s = resolveEcsSettings({ env: { ...KEYS, ALIBABA_CLOUD_ECS_ENDPOINT: "http://127.0.0.1:9/" } });
    expect([s.endpoint, s.protocol]).toEqual(["127.0.0.1:9", "http"]);
  });
});

describe("credentials", () => {
  test("Pulumi config keys win over the environment", async () => {
    const s = resolveEcsSettings({
      config: { "alicloud:accessKey": "LTAIcfg", "alicloud:secretKey": "cfg-secret-456", "alicloud:securityToken": "cfg-token-789" },
      env: KEYS,
    });
    expect(s.credentialSource).toBe("pulumi-config");
    await expect(s.credential.getCredential()).resolves.toMatchObject({
      accessKeyId: "LTAIcfg",
      accessKeySecret: "cfg-secret-456",
      securityToken: "cfg-token-789",
      type: "sts",
    });
  });

  test("environment keys are used without config", async () => {
    const s = resolveEcsSettings({ config: {}, env: KEYS });
    expect(s.credentialSource).toBe("environment");
    await expect(s.credential.getCredential()).resolves.toMatchObject({ accessKeyId: "LTAIenv", type: "access_key" });
  });

  test("without keys, the official default chain is used", () => {
    expect(resolveEcsSettings({ env: {} }).credentialSource).toBe("default-chain");
  });

  test("half a key pair is a clear error naming the missing key, without the secret", () => {
    const attempt = () => resolveEcsSettings({ config: { "alicloud:secretKey": "lonely-secret-1" }, env: {} });
    expect(attempt).toThrow(CredentialsError);
    expect(attempt).toThrow(/alicloud:accessKey is not set/);
    expect(() => attempt()).not.toThrow(/lonely-secret-1/);
  });

  test("logging or serialising settings shows no secret", () => {
    const s = resolveEcsSettings({ config: { "alicloud:accessKey": "LTAIcfg", "alicloud:secretKey": "cfg-secret-456" }, env: {} });
    expect(inspect(s, { depth: 10 })).not.toContain("cfg-secret-456");
    expect(JSON.stringify(s)).not.toContain("cfg-secret-456");
  });
});

describe("no credential anywhere", () => {
  let fake: FakeEcsServer;
  let home: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    fake = await startFakeEcs();
    home = mkdtempSync(join(tmpdir(), "diskops-nocreds-"));
    for (const name of Object.keys(process.env)) if (name.startsWith("ALIBABA_CLOUD_") || name.startsWith("ALICLOUD_")) delete process.env[name];
    // The chain's other sources: profiles under HOME (empty here) and the ECS metadata service (off).
    process.env.HOME = home;
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
  });
  afterAll(async () => {
    process.env = saved;
    rmSync(home, { recursive: true, force: true });
    await fake.close();
  });

  test("the first call fails with MissingCredentials naming env vars and config keys; nothing is sent", async () => {
    const settings = resolveEcsSettings({ env: { ALIBABA_CLOUD_ECS_ENDPOINT: fake.url }, config: {} });
    const err: EcsError = await createEcsApi(settings, { retry: { retries: 3, minDelayMs: 1, maxDelayMs: 2 } })
      .describeRegions()
      .catch((e) => e);
    expect(err).toBeInstanceOf(EcsError);
    expect(err.code).toBe("MissingCredentials");
    expect(err.attempts).toBe(1);
    for (const name of [
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
      "ALIBABA_CLOUD_SECURITY_TOKEN",
      "alicloud:accessKey",
      "alicloud:secretKey",
    ]) {
      expect(err.message).toContain(name);
    }
    expect(fake.calls).toHaveLength(0);
  });

  test("the default chain reads the process environment when it has keys (and signs with them)", async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "LTAIfromChain";
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "chain-secret-000";
    try {
      fake.enqueue("DescribeRegions", { body: { Regions: { Region: [{ RegionId: "cn-hangzhou" }] } } });
      const settings = resolveEcsSettings({ env: { ALIBABA_CLOUD_ECS_ENDPOINT: fake.url } });
      expect(settings.credentialSource).toBe("default-chain");
      await expect(createEcsApi(settings).describeRegions()).resolves.toEqual(["cn-hangzhou"]);
      expect(fake.callsOf("DescribeRegions")[0].headers.authorization).toContain("Credential=LTAIfromChain,");
    } finally {
      delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
      delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
    }
  });
});
