// The wire under the SDK, made replaceable. By default the official client signs each request and
// sends it over HTTP(S). With an `EcsTransport`, the same client builds the same request (action,
// version, flattened query as it would be sent) and reads the answer the same way (its response
// models, its ThrottlingError / ClientError / ServerError), but the exchange itself is a function
// call: the deterministic simulator (simulation/) hands it to the emulator's model in-process,
// with no sockets, no signing and no real time.
import * as path from "path";

export interface EcsWireRequest {
  action: string;
  /** API version, "2014-05-26". */
  version: string;
  /** The region the client was made for (per-resource actions carry none in the query). */
  regionId?: string;
  /** Parameters exactly as the SDK flattens them into the query string (secrets included: never log). */
  query: Record<string, string>;
}

export interface EcsWireAnswer {
  statusCode: number;
  headers: Record<string, string>;
  /** The JSON body as ECS sends it (PascalCase keys). */
  body: Record<string, unknown>;
}

/** Carries one request and resolves with its answer, or rejects as the network would (ECONNRESET, timeouts). */
export type EcsTransport = (request: EcsWireRequest) => Promise<EcsWireAnswer>;

interface SdkErrors {
  ClientError: new (map: Record<string, unknown>) => Error;
  ServerError: new (map: Record<string, unknown>) => Error;
  ThrottlingError: new (map: Record<string, unknown>) => Error;
}

/** The SDK's own exception classes (from the openapi-core the installed SDK uses). */
function sdkErrors(): SdkErrors {
  const sdkDir = path.dirname(require.resolve("@alicloud/ecs20140526/package.json"));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(require.resolve("@alicloud/openapi-core", { paths: [sdkDir] })) as SdkErrors;
}

/** The exception the SDK throws for an error answer (mirrors openapi-core's doRequest). */
export function sdkErrorFor(answer: EcsWireAnswer): Error {
  const errors = sdkErrors();
  const err = answer.body ?? {};
  const requestId = err.RequestId ?? err.requestId;
  const code = String(err.Code ?? err.code);
  const common = {
    statusCode: answer.statusCode,
    code,
    message: `code: ${answer.statusCode}, ${err.Message ?? err.message} request id: ${requestId}`,
    detail: `${err.Detail ?? err.detail}`,
    description: `${err.Description ?? err.description}`,
    data: err,
    requestId: `${requestId}`,
  };
  if (code.includes("Throttling")) {
    const retryAfter = parseInt(answer.headers["x-acs-retry-after"] ?? "", 10);
    return new errors.ThrottlingError({ ...common, retryAfter: Number.isNaN(retryAfter) ? undefined : retryAfter });
  }
  if (answer.statusCode < 500) return new errors.ClientError(common);
  return new errors.ServerError(common);
}

type CallApi = (params: { action: string; version: string }, request: { query?: Record<string, unknown> }, runtime: unknown) => Promise<unknown>;

/** Routes every call of an SDK client (made for `regionId`) through `transport` instead of HTTP. */
export function routeThroughTransport(client: object, transport: EcsTransport, regionId: string | undefined): void {
  const callApi: CallApi = async (params, request) => {
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined && value !== null) query[key] = String(value);
    const answer = await transport({ action: params.action, version: params.version, regionId, query });
    if (answer.statusCode >= 400) throw sdkErrorFor(answer);
    return { body: answer.body, headers: answer.headers, statusCode: answer.statusCode };
  };
  (client as { callApi: CallApi }).callApi = callApi;
}
