// One API call: authenticate, resolve the action, apply faults and flow control, run the action,
// answer in ECS's JSON (or, with Format=XML, XML) shape, and log the call (marked with the injected fault it met, if any).
// A thrown bug becomes InternalError 500.
import type { IncomingMessage, ServerResponse } from "http";
import { ACTIONS } from "../actions";
import type { Cloud } from "../model/cloud";
import { newRequestId } from "../model/ids";
import { authenticate } from "../protocol/auth";
import { ApiError, apiError, errorBody, invalid, missing } from "../protocol/errors";
import { CONTENT_TYPES, responseFormat, type ResponseFormat } from "../protocol/format";
import { Params } from "../protocol/params";
import { decodeRequest, header, type DecodedRequest, type RawRequest } from "../protocol/request";
import type { NonceCache } from "../protocol/timestamps";
import { toXmlDocument } from "../protocol/xml";
import type { CallLog } from "./call-log";
import { faultMode, type Fault, type FaultInjector, type FaultMode } from "./faults";
import type { RateLimiter } from "./rate-limiter";

export const API_VERSION = "2014-05-26";
const HOST_ID = "ecs.aliyuncs.com";

export interface ApiDeps {
  cloud: Cloud;
  nonces: NonceCache;
  limiter: RateLimiter;
  faults: FaultInjector;
  calls: CallLog;
  /** Connections held open by "hang" faults, released when the emulator closes. */
  hung: Set<ServerResponse>;
  logError(message: string): void;
}

function actionName(req: DecodedRequest | RawRequest): string | undefined {
  const fromHeader = header(req, "x-acs-action");
  if (fromHeader) return fromHeader;
  return "params" in req ? req.params.Action || undefined : undefined;
}

function resolveAction(req: DecodedRequest): string {
  const action = actionName(req);
  if (!action) throw missing("Action");
  if (!ACTIONS[action]) throw apiError("InvalidAction.NotFound");
  const version = header(req, "x-acs-version") ?? req.params.Version;
  if (!version) throw missing("Version", action);
  if (version !== API_VERSION) throw invalid("Version", action);
  return action;
}

/** The error an injected error fault answers with. */
function injectedError(fault: Fault, action: string, timeScale: number): ApiError {
  const code = fault.Code!;
  const err = apiError(code, action, { httpStatus: fault.HttpStatus, message: fault.Message });
  // An injected throttle asks the client to come back in 1 s of simulated time.
  const retryAfter = String(Math.max(1, Math.round(1000 * timeScale)));
  return new ApiError(err.code, err.httpStatus, err.message, code.includes("Throttling") ? { "x-acs-retry-after": retryAfter } : {});
}

/** `root` names the XML document element: `{Action}Response`, or `Error`. */
function send(res: ServerResponse, format: ResponseFormat, root: string, status: number, body: Record<string, unknown>, headers: Record<string, string>): void {
  res.writeHead(status, { "content-type": CONTENT_TYPES[format], ...headers });
  res.end(format === "XML" ? toXmlDocument(root, body) : JSON.stringify(body));
}

export function handleApi(raw: RawRequest, req: IncomingMessage, res: ServerResponse, deps: ApiDeps): void {
  const requestId = newRequestId();
  let action = "";
  let params: Record<string, string> = {};
  let injected: FaultMode | undefined;
  let format: ResponseFormat = "JSON";
  const log = (HttpStatus: number, Code?: string) =>
    deps.calls.add({ Action: action, HttpStatus, Code, RequestId: requestId, Params: params, Fault: injected });
  // "drop-response": the work is done and logged with the answer it would have had; the client gets none.
  const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    if (injected === "drop-response") req.socket.destroy();
    else send(res, format, status < 400 ? `${action}Response` : "Error", status, body, headers);
  };
  try {
    if (raw.method !== "POST" && raw.method !== "GET") throw apiError("InvalidAction.NotFound");
    if (raw.path !== "/") throw apiError("InvalidAction.NotFound");
    const decoded = decodeRequest(raw);
    params = decoded.params;
    format = responseFormat(params);
    action = actionName(decoded) ?? "";
    const auth = authenticate(decoded, deps.cloud.accessKeys, deps.nonces);
    action = resolveAction(decoded);

    const fault = deps.faults.take(action);
    injected = fault && faultMode(fault);
    if (injected === "reset") {
      log(0);
      req.socket.destroy();
      return;
    }
    if (injected === "hang") {
      log(0);
      deps.hung.add(res);
      res.on("close", () => deps.hung.delete(res));
      return;
    }
    if (injected === "error") throw injectedError(fault!, action, deps.cloud.timeScale);

    const retryAfterMs = deps.limiter.take(auth.accessKeyId, action);
    if (retryAfterMs !== undefined) {
      const err = apiError("Throttling.User", action);
      throw new ApiError(err.code, err.httpStatus, err.message, { "x-acs-retry-after": String(retryAfterMs) });
    }

    deps.cloud.settle();
    const def = ACTIONS[action];
    const body = def.handle({ action, cloud: deps.cloud, params: new Params(decoded.params, action), requestId, accessKeyId: auth.accessKeyId });
    if (def.mutates) deps.cloud.changed();
    answer(200, { RequestId: requestId, ...body });
    log(200);
  } catch (e) {
    let err: ApiError;
    if (e instanceof ApiError) {
      err = e;
    } else {
      deps.logError(`ecs-emulator: internal error in ${action || "request"} (${requestId}): ${(e as Error)?.stack ?? String(e)}`);
      err = apiError("InternalError", action);
    }
    answer(err.httpStatus, { ...errorBody(err, requestId, HOST_ID) }, { "x-acs-request-id": requestId, ...err.headers });
    log(err.httpStatus, err.code);
  }
}
