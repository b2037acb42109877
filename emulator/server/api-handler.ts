// One API call over HTTP: decode, authenticate, resolve the action, then dispatch it (dispatch.ts:
// faults, flow control, the action, the call log) and answer in ECS's JSON (or, with Format=XML,
// XML) shape, or drop/stall the connection when an injected fault says so.
import type { IncomingMessage, ServerResponse } from "http";
import { ACTIONS } from "../actions";
import { newRequestId } from "../model/ids";
import { authenticate } from "../protocol/auth";
import { apiError, invalid, missing } from "../protocol/errors";
import { CONTENT_TYPES, responseFormat, type ResponseFormat } from "../protocol/format";
import { decodeRequest, header, type DecodedRequest, type RawRequest } from "../protocol/request";
import type { NonceCache } from "../protocol/timestamps";
import { toXmlDocument } from "../protocol/xml";
import { API_VERSION, dispatchAction, errorAnswer, type DispatchDeps } from "./dispatch";

export { API_VERSION } from "./dispatch";

export interface ApiDeps extends DispatchDeps {
  nonces: NonceCache;
  /** Connections held open by "hang" faults, released when the emulator closes. */
  hung: Set<ServerResponse>;
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

/** `root` names the XML document element: `{Action}Response`, or `Error`. */
function send(res: ServerResponse, format: ResponseFormat, root: string, status: number, body: Record<string, unknown>, headers: Record<string, string>): void {
  res.writeHead(status, { "content-type": CONTENT_TYPES[format], ...headers });
  res.end(format === "XML" ? toXmlDocument(root, body) : JSON.stringify(body));
}

export function handleApi(raw: RawRequest, req: IncomingMessage, res: ServerResponse, deps: ApiDeps): void {
  let params: Record<string, string> = {};
  let action = "";
  let format: ResponseFormat = "JSON";
  let call: { action: string; params: Record<string, string>; accessKeyId: string };
  try {
    if (raw.method !== "POST" && raw.method !== "GET") throw apiError("InvalidAction.NotFound");
    if (raw.path !== "/") throw apiError("InvalidAction.NotFound");
    const decoded = decodeRequest(raw);
    params = decoded.params;
    format = responseFormat(params);
    action = actionName(decoded) ?? "";
    const auth = authenticate(decoded, deps.cloud.accessKeys, deps.nonces);
    action = resolveAction(decoded);
    call = { action, params, accessKeyId: auth.accessKeyId };
  } catch (e) {
    // Refused before the action ran (protocol, signature, unknown action): logged with what was asked.
    const answer = errorAnswer(e, action, newRequestId(), deps);
    deps.calls.add({ Action: action, HttpStatus: answer.statusCode, Code: answer.code, RequestId: answer.requestId, Params: params });
    send(res, format, "Error", answer.statusCode, answer.body, answer.headers);
    return;
  }
  const answer = dispatchAction(deps, call);
  if (answer.fault === "reset" || answer.fault === "drop-response") {
    // reset: nothing was done; drop-response: the work is done and logged, the client gets no answer.
    req.socket.destroy();
  } else if (answer.fault === "hang") {
    deps.hung.add(res);
    res.on("close", () => deps.hung.delete(res));
  } else {
    send(res, format, answer.statusCode < 400 ? `${action}Response` : "Error", answer.statusCode, answer.body, answer.headers);
  }
}
