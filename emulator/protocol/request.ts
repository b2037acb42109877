// One incoming HTTP request, as read off the wire (raw URL kept for signature verification).
import type { IncomingHttpHeaders } from "http";
import { ApiError, invalid } from "./errors";
import { parseRawQuery } from "./encode";

export interface RawRequest {
  method: string;
  /** Path without the query string, exactly as sent. */
  path: string;
  /** The raw query string (after `?`), not decoded. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string;
}

export interface DecodedRequest extends RawRequest {
  queryPairs: [string, string][];
  bodyPairs: [string, string][];
  /** Query and form-body parameters merged (body wins). */
  params: Record<string, string>;
}

export function header(req: RawRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(",") : v;
}

export function decodeRequest(req: RawRequest): DecodedRequest {
  let queryPairs: [string, string][];
  let bodyPairs: [string, string][] = [];
  try {
    // Form-style: `+` is a space in the query too. The Python SDKs and the aliyun CLI send spaces
    // that way (ECS accepts it); every client sends a literal plus as %2B.
    queryPairs = parseRawQuery(req.rawQuery, true);
    const type = header(req, "content-type") ?? "";
    if (req.body.length > 0 && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      bodyPairs = parseRawQuery(req.body.toString("utf8"), true);
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw invalid("QueryString");
  }
  const params: Record<string, string> = {};
  for (const [k, v] of [...queryPairs, ...bodyPairs]) params[k] = v;
  return { ...req, queryPairs, bodyPairs, params };
}
