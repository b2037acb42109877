// Carrying out one authenticated call: injected faults, flow control, the action against the
// model, the answer in ECS's JSON shape, and the call log. Shared by the HTTP server
// (api-handler.ts) and in-process callers (the deterministic simulator's transport), so both see
// the same cloud. A thrown bug becomes InternalError 500.
import { ACTIONS } from "../actions";
import type { Cloud } from "../model/cloud";
import { newRequestId } from "../model/ids";
import { ApiError, apiError, errorBody } from "../protocol/errors";
import { Params } from "../protocol/params";
import type { CallLog } from "./call-log";
import { faultMode, type Fault, type FaultInjector, type FaultMode } from "./faults";
import type { RateLimiter } from "./rate-limiter";

export const API_VERSION = "2014-05-26";
const HOST_ID = "ecs.aliyuncs.com";

export interface DispatchDeps {
  cloud: Cloud;
  limiter: RateLimiter;
  faults: FaultInjector;
  calls: CallLog;
  logError(message: string): void;
}

export interface DispatchCall {
  action: string;
  /** The request's parameters, decoded (secrets included: the call log masks them). */
  params: Record<string, string>;
  accessKeyId: string;
}

export interface DispatchAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  requestId: string;
  code?: string;
  /**
   * An injected fault the caller must enact on the connection: "reset" and "hang" (nothing was
   * done), "drop-response" (done and logged, answer never delivered). "error" is already the answer.
   */
  fault?: FaultMode;
}

/** The error an injected error fault answers with. */
function injectedError(fault: Fault, action: string, timeScale: number): ApiError {
  const code = fault.Code!;
  const err = apiError(code, action, { httpStatus: fault.HttpStatus, message: fault.Message });
  // An injected throttle asks the client to come back in 1 s of simulated time.
  const retryAfter = String(Math.max(1, Math.round(1000 * timeScale)));
  return new ApiError(err.code, err.httpStatus, err.message, code.includes("Throttling") ? { "x-acs-retry-after": retryAfter } : {});
}

/** An error answer (ApiError, or InternalError for anything else). */
export function errorAnswer(e: unknown, action: string, requestId: string, deps: Pick<DispatchDeps, "logError">): DispatchAnswer {
  let err: ApiError;
  if (e instanceof ApiError) {
    err = e;
  } else {
    deps.logError(`ecs-emulator: internal error in ${action || "request"} (${requestId}): ${(e as Error)?.stack ?? String(e)}`);
    err = apiError("InternalError", action);
  }
  return {
    statusCode: err.httpStatus,
    headers: { "x-acs-request-id": requestId, ...err.headers },
    body: { ...errorBody(err, requestId, HOST_ID) },
    requestId,
    code: err.code,
  };
}

/** Carries out one call that passed authentication; logs it (marked with the fault it met). */
export function dispatchAction(deps: DispatchDeps, call: DispatchCall): DispatchAnswer {
  const requestId = newRequestId();
  const { action, params } = call;
  const fault = deps.faults.take(action);
  const injected = fault && faultMode(fault);
  const log = (answer: { statusCode: number; code?: string }) =>
    deps.calls.add({ Action: action, HttpStatus: answer.statusCode, Code: answer.code, RequestId: requestId, Params: params, Fault: injected });
  if (injected === "reset" || injected === "hang") {
    log({ statusCode: 0 });
    return { statusCode: 0, headers: {}, body: {}, requestId, fault: injected };
  }
  let answer: DispatchAnswer;
  try {
    if (injected === "error") throw injectedError(fault!, action, deps.cloud.timeScale);
    const retryAfterMs = deps.limiter.take(call.accessKeyId, action);
    if (retryAfterMs !== undefined) {
      const err = apiError("Throttling.User", action);
      throw new ApiError(err.code, err.httpStatus, err.message, { "x-acs-retry-after": String(retryAfterMs) });
    }
    deps.cloud.settle();
    const def = ACTIONS[action];
    const body = def.handle({ action, cloud: deps.cloud, params: new Params(params, action), requestId, accessKeyId: call.accessKeyId });
    if (def.mutates) deps.cloud.changed();
    answer = { statusCode: 200, headers: {}, body: { RequestId: requestId, ...body }, requestId };
  } catch (e) {
    answer = errorAnswer(e, action, requestId, deps);
  }
  log(answer);
  // Every answer carries the cloud's clock, as ECS's gateway does (clients learn skew from it).
  answer.headers = { date: new Date().toUTCString(), ...answer.headers };
  return injected === "drop-response" ? { ...answer, fault: injected } : answer;
}
