// The two Node clients the conformance suite drives, each reduced to "call this action with these
// parameters and give me the raw answer body (or the error as the client reports it)":
// - the official @alicloud/ecs20140526 client (ACS3-HMAC-SHA256), through its per-action method
//   and typed request model; the raw body is read by spying on callApi, before the SDK's cast;
// - the older @alicloud/pop-core RPC client (HMAC-SHA1 V1), GET for reads and POST (form body)
//   for writes.
import Ecs, * as $Ecs from "@alicloud/ecs20140526";
import * as $OpenApi from "@alicloud/openapi-client";
import { DEMO_ACCESS_KEY } from "../../../emulator";
import { flatten, type ParamValue, type Params } from "./cases";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const RPCClient = require("@alicloud/pop-core").RPCClient as new (config: Record<string, string>) => {
  request(action: string, params: Record<string, string>, opts: Record<string, unknown>): Promise<Record<string, unknown>>;
};

export type Outcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; code?: string; httpStatus?: number; requestId?: string; message: string };

export interface NodeClient {
  name: string;
  call(action: string, params: Params): Promise<Outcome>;
}

interface ModelClass {
  new (map?: Record<string, unknown>): unknown;
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

/** The SDK's typed request (camelCase properties, nested models) from API-named parameters. */
function toModel(cls: ModelClass, params: Record<string, ParamValue>): unknown {
  const names = cls.names();
  const types = cls.types();
  const props: Record<string, unknown> = {};
  for (const [wire, value] of Object.entries(params)) {
    const prop = Object.keys(names).find((p) => names[p] === wire);
    if (prop === undefined) throw new Error(`${cls.name} has no field ${wire}`);
    const type = types[prop] as { type?: string; itemType?: unknown } | ModelClass | string;
    if (typeof type === "function") props[prop] = toModel(type, value as Record<string, ParamValue>);
    else if (typeof type === "object" && type.type === "array" && typeof type.itemType === "function") {
      props[prop] = (value as Record<string, ParamValue>[]).map((item) => toModel(type.itemType as ModelClass, item));
    } else props[prop] = value;
  }
  return new cls(props);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function officialClient(port: number): NodeClient {
  const client = new Ecs(
    new $OpenApi.Config({
      accessKeyId: DEMO_ACCESS_KEY.AccessKeyId,
      accessKeySecret: DEMO_ACCESS_KEY.AccessKeySecret,
      endpoint: `127.0.0.1:${port}`,
      protocol: "http",
      regionId: "cn-hangzhou",
    }),
  );
  let lastBody: Record<string, unknown> | undefined;
  const callApi = client.callApi.bind(client);
  client.callApi = async (...args: Parameters<typeof client.callApi>) => {
    const res = await callApi(...args);
    lastBody = (res as { body?: Record<string, unknown> }).body;
    return res;
  };
  return {
    name: "@alicloud/ecs20140526",
    async call(action, params) {
      const requestClass = ($Ecs as unknown as Record<string, ModelClass>)[`${action}Request`];
      const method = (client as unknown as Record<string, (req: unknown) => Promise<unknown>>)[lowerFirst(action)];
      lastBody = undefined;
      try {
        await method.call(client, toModel(requestClass, params));
        if (!lastBody) throw new Error("callApi was not called");
        return { ok: true, body: lastBody };
      } catch (e) {
        const err = e as { code?: string; statusCode?: number; data?: { RequestId?: string; statusCode?: number }; requestId?: string; message: string };
        if (err.code === undefined) throw e;
        return { ok: false, code: err.code, httpStatus: err.statusCode ?? err.data?.statusCode, requestId: err.requestId ?? err.data?.RequestId, message: err.message };
      }
    },
  };
}

const READS = /^(Describe|List)/;

/**
 * pop-core parses answers with json-bigint, which turns integers of more than 15 digits (an
 * account id such as ImageOwnerId) into BigNumber objects, as it would with ECS: read them back
 * as the numbers they are before comparing with the model.
 */
function withPlainNumbers(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if ((v as { _isBigNumber?: boolean })._isBigNumber) return Number(String(v));
  if (Array.isArray(v)) return v.map(withPlainNumbers);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withPlainNumbers(x)]));
}

export function popCoreClient(port: number): NodeClient {
  const client = new RPCClient({
    accessKeyId: DEMO_ACCESS_KEY.AccessKeyId,
    accessKeySecret: DEMO_ACCESS_KEY.AccessKeySecret,
    endpoint: `http://127.0.0.1:${port}`,
    apiVersion: "2014-05-26",
  });
  return {
    name: "@alicloud/pop-core",
    async call(action, params) {
      try {
        const body = await client.request(action, flatten(params), { method: READS.test(action) ? "GET" : "POST", formatParams: false, timeout: 10_000 });
        return { ok: true, body: withPlainNumbers(body) as Record<string, unknown> };
      } catch (e) {
        const err = e as { code?: string; data?: { RequestId?: string }; entry?: { response?: { statusCode?: number } }; message: string };
        if (err.code === undefined || err.data === undefined) throw e;
        return { ok: false, code: err.code, httpStatus: err.entry?.response?.statusCode, requestId: err.data.RequestId, message: err.message };
      }
    },
  };
}
