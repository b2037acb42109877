// Shared test plumbing: start an emulator, build official SDK / legacy clients against it,
// assert ECS errors, poll for state, capture and replay signed requests.
import * as http from "http";
import Ecs, * as $Ecs from "@alicloud/ecs20140526";
import OpenApi, * as $OpenApi from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { DEMO_ACCESS_KEY, startEmulator, type EmulatorOptions, type RunningEmulator } from "../../../emulator";

export { $Ecs, DEMO_ACCESS_KEY };
export const REGION = "cn-hangzhou";
export const TIME_SCALE = 0.01;

export async function start(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ timeScale: TIME_SCALE, ...opts });
}

export interface ClientOptions {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  readTimeout?: number;
  port?: number;
  /** ACS3 algorithm: "ACS3-HMAC-SHA256" (the SDK default) or "ACS3-HMAC-SM3". */
  signatureAlgorithm?: string;
}

/** The official 7.x client, configured exactly as the provider does. */
export function sdk(emu: { port: number }, o: ClientOptions = {}): Ecs {
  return new Ecs(
    new $OpenApi.Config({
      accessKeyId: o.accessKeyId ?? DEMO_ACCESS_KEY.AccessKeyId,
      accessKeySecret: o.accessKeySecret ?? DEMO_ACCESS_KEY.AccessKeySecret,
      securityToken: o.securityToken,
      endpoint: `127.0.0.1:${o.port ?? emu.port}`,
      protocol: "http",
      regionId: REGION,
      readTimeout: o.readTimeout,
      signatureAlgorithm: o.signatureAlgorithm,
    }),
  );
}

/** The legacy HMAC-SHA1 path: `@alicloud/openapi-client`'s doRPCRequest. */
export async function legacyCall(
  emu: { port: number },
  action: string,
  query: Record<string, string>,
  o: ClientOptions & { body?: Record<string, string> } = {},
): Promise<{ body: Record<string, unknown>; statusCode: number }> {
  const client = new OpenApi(
    new $OpenApi.Config({
      accessKeyId: o.accessKeyId ?? DEMO_ACCESS_KEY.AccessKeyId,
      accessKeySecret: o.accessKeySecret ?? DEMO_ACCESS_KEY.AccessKeySecret,
      securityToken: o.securityToken,
      endpoint: `127.0.0.1:${emu.port}`,
      protocol: "http",
      regionId: REGION,
    }),
  );
  const res = await client.doRPCRequest(action, "2014-05-26", "HTTPS", "POST", "AK", "json", new $OpenApi.OpenApiRequest({ query, body: o.body }), new RuntimeOptions({}));
  return res as { body: Record<string, unknown>; statusCode: number };
}

interface EcsLikeError {
  code?: string;
  statusCode?: number;
  data?: { statusCode?: number; Code?: string; Message?: string; RequestId?: string; HostId?: string; Recommend?: string };
  retryAfter?: number;
  name?: string;
}

/** Awaits a rejection and checks the ECS code and HTTP status (official and legacy clients). */
export async function expectEcsError(p: Promise<unknown>, code: string, status: number): Promise<EcsLikeError> {
  let err: EcsLikeError | undefined;
  try {
    await p;
  } catch (e) {
    err = e as EcsLikeError;
  }
  if (!err) throw new Error(`expected ${code} (${status}) but the call succeeded`);
  expect({ code: err.code, status: err.statusCode ?? err.data?.statusCode }).toEqual({ code, status });
  return err;
}

import { waitFor } from "../../support/wait-for";
export { waitFor };

export async function describeInstance(client: Ecs, instanceId: string) {
  const r = await client.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([instanceId]) }));
  return r.body!.instances!.instance![0];
}

export async function describeDisk(client: Ecs, diskId: string) {
  const r = await client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: JSON.stringify([diskId]) }));
  return r.body!.disks!.disk![0];
}

export async function waitInstanceStatus(client: Ecs, instanceId: string, status: string) {
  return waitFor(() => describeInstance(client, instanceId), (i) => i?.status === status);
}

export async function stopAndWait(client: Ecs, instanceId: string) {
  await client.stopInstance(new $Ecs.StopInstanceRequest({ instanceId }));
  return waitInstanceStatus(client, instanceId, "Stopped");
}

export interface CapturedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Runs `call` against a throwaway server and returns the request the client sent, signed. */
export async function captureRequest(call: (port: number) => Promise<unknown>): Promise<CapturedRequest> {
  let captured: CapturedRequest | undefined;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      captured = { method: req.method!, url: req.url!, headers: req.headers, body };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ RequestId: "captured" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  try {
    await call((server.address() as { port: number }).port).catch(() => undefined);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
  if (!captured) throw new Error("no request captured");
  return captured;
}

/** Sends a (possibly altered) captured request to the emulator and returns status + JSON body. */
export async function replay(
  emu: { port: number },
  req: CapturedRequest,
  change: (r: CapturedRequest) => CapturedRequest = (r) => r,
): Promise<{ status: number; body: Record<string, string>; headers: http.IncomingHttpHeaders }> {
  const r = change({ ...req, headers: { ...req.headers } });
  return rawRequest(emu, r.method, r.url, r.headers, r.body);
}

export function rawRequest(
  emu: { port: number },
  method: string,
  url: string,
  headers: http.IncomingHttpHeaders | Record<string, string> = {},
  body = "",
): Promise<{ status: number; body: Record<string, string>; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const h = { ...headers } as Record<string, string>;
    delete h["content-length"];
    delete h.connection;
    const req = http.request({ host: "127.0.0.1", port: emu.port, method, path: url, headers: h, agent: false }, (res) => {
      let data = "";
      res.on("data", (c) => (data += c));
      res.on("end", () => {
        try {
          resolve({ status: res.statusCode!, body: data ? JSON.parse(data) : {}, headers: res.headers });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

export async function admin(emu: { port: number }, method: string, path: string, body?: unknown) {
  return rawRequest(emu, method, `/__emulator/${path}`, body === undefined ? {} : { "content-type": "application/json" }, body === undefined ? "" : JSON.stringify(body));
}

// The official signing functions of @alicloud/openapi-core, to build requests the SDK would not send
// (old timestamps, GET, hand-made parameters) while staying independent of the emulator's code.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const CoreUtils = require("@alicloud/openapi-core/dist/utils").default as {
  getAuthorization(req: unknown, alg: string, payloadHash: string, ak: string, secret: string): string;
  getRPCSignature(params: Record<string, string>, method: string, secret: string): string;
  getTimestamp(): string;
};

export function decodedQuery(url: string): Record<string, string> {
  const q = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  const out: Record<string, string> = {};
  for (const pair of q.split("&").filter(Boolean)) {
    const [k, v = ""] = pair.split("=");
    out[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return out;
}

/** Re-signs a captured ACS3 request (after `change`) with the SDK's own signer. */
export function resignAcs3(req: CapturedRequest, secret: string, accessKeyId: string): CapturedRequest {
  const headers = { ...req.headers } as Record<string, string>;
  delete headers.authorization;
  const query = decodedQuery(req.url);
  headers.authorization = CoreUtils.getAuthorization(
    { pathname: "/", method: req.method, query, headers },
    "ACS3-HMAC-SHA256",
    headers["x-acs-content-sha256"],
    accessKeyId,
    secret,
  );
  return { ...req, headers };
}

/** A legacy HMAC-SHA1 request URL, signed with the SDK's own RPC signer. */
/** A parameter given as undefined is left out (e.g. `Format: undefined` for a request without Format). */
export function legacyUrl(params: Record<string, string | undefined>, method = "GET", secret: string = DEMO_ACCESS_KEY.AccessKeySecret): string {
  const all: Record<string, string> = {
    Format: "JSON",
    Version: "2014-05-26",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: `${Date.now()}-${Math.random()}`,
    Timestamp: CoreUtils.getTimestamp(),
    AccessKeyId: DEMO_ACCESS_KEY.AccessKeyId,
  };
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) delete all[k];
    else all[k] = v;
  }
  all.Signature = CoreUtils.getRPCSignature(all, method, secret);
  return "/?" + Object.entries(all).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}
