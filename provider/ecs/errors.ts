// EcsError: the one error type this layer throws, and the classification retries and waiters use.
import { catalogEntry } from "./error-catalog";
import { redact } from "./redact";

export type ErrorClass = "throttling" | "server" | "network" | "conflict" | "terminal";

export interface EcsErrorInit {
  action: string;
  code: string;
  /** The server's (or the network layer's) own words, without secrets. */
  detail: string;
  httpStatus?: number;
  requestId?: string;
  remedy?: string;
  recommend?: string;
  retryAfterMs?: number;
}

export class EcsError extends Error {
  readonly action: string;
  readonly code: string;
  readonly detail: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly remedy: string;
  /** Diagnosis URL from the error body (`Recommend`), when ECS sent one. */
  readonly recommend?: string;
  /** The server's x-acs-retry-after, in milliseconds. */
  readonly retryAfterMs?: number;
  /** Attempts made before giving up (set by retry.ts). */
  attempts = 1;

  constructor(init: EcsErrorInit) {
    const detail = redact(init.detail);
    const remedy = redact(init.remedy ?? remedyFor(init.code, init.action, init.httpStatus, init.recommend));
    super(formatMessage(init.action, init.code, init.httpStatus, init.requestId, detail, remedy));
    this.name = "EcsError";
    this.action = init.action;
    this.code = init.code;
    this.detail = detail;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.remedy = remedy;
    this.recommend = init.recommend;
    this.retryAfterMs = init.retryAfterMs;
  }

  get errorClass(): ErrorClass {
    return classifyCode(this.code, this.httpStatus);
  }
}

/** Raised while obtaining credentials; becomes an EcsError with code MissingCredentials. */
export class CredentialsError extends Error {
  readonly code = "MissingCredentials";
  constructor(readonly problem: string) {
    super(`${redact(problem)}. Remedy: ${CREDENTIALS_REMEDY}`);
    this.name = "CredentialsError";
  }
}

export const CREDENTIALS_REMEDY =
  "Set the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET " +
  "(plus ALIBABA_CLOUD_SECURITY_TOKEN for STS credentials), or the Pulumi config keys alicloud:accessKey and " +
  "alicloud:secretKey (`pulumi config set --secret alicloud:secretKey ...`, plus alicloud:securityToken for STS), " +
  "or another source of the Alibaba Cloud default credential chain (~/.aliyun/config.json profile, ECS RAM role)";

const CONFLICT_CODES = new Set(["Operation.Conflict", "InvalidOperation.DiskResetInProgress", "LastTokenProcessing"]);
const SERVER_CODES = new Set(["InternalError", "ServiceUnavailable", "UnknownError", "InvalidResponse"]);
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EHOSTDOWN",
  "RequestTimeout",
  "SocketHangUp",
  "NetworkError",
]);

/** How a code behaves: retry.ts retries throttling/server/network; operations wait out conflicts. */
export function classifyCode(code: string, httpStatus?: number): ErrorClass {
  if (code.includes("Throttling") || httpStatus === 429) return "throttling";
  if (CONFLICT_CODES.has(code)) return "conflict";
  if (NETWORK_CODES.has(code)) return "network";
  if (SERVER_CODES.has(code) || (httpStatus !== undefined && httpStatus >= 500)) return "server";
  return "terminal";
}

/** Classify anything thrown by an ECS call (EcsError, SDK error, network error). */
export function classifyError(err: unknown): ErrorClass {
  if (err instanceof EcsError) return err.errorClass;
  if (!(err instanceof Error) || err.name === "AbortError") return "terminal";
  return toEcsError(err, "unknown").errorClass;
}

/** True for the classes worth another attempt right away (retry.ts) or another poll (waiter.ts). */
export function isTransient(err: unknown): boolean {
  return classifyError(err) !== "terminal";
}

/** Turn whatever an SDK call threw into an EcsError that names the action, code and remedy. */
export function toEcsError(err: unknown, action: string): EcsError {
  if (err instanceof EcsError) return err;
  if (err instanceof CredentialsError) {
    return new EcsError({ action, code: err.code, detail: err.problem, remedy: CREDENTIALS_REMEDY });
  }
  const e = (err ?? {}) as Record<string, any>;
  if (typeof e.statusCode === "number" && typeof e.code === "string") return fromResponseError(e, action);
  const message = String(e.message ?? err);
  if (e.name === "SyntaxError") {
    return new EcsError({ action, code: "InvalidResponse", detail: `ECS answered with a malformed body (${message})` });
  }
  return new EcsError({ action, code: networkCode(e) ?? stringOr(e.code, e.name), detail: withoutQuery(message) });
}

// Network errors of the SDK quote the request URL, whose query holds every parameter (even
// ReplaceSystemDisk's Password): keep scheme, host and path only.
function withoutQuery(message: string): string {
  return message.replace(/(https?:\/\/[^\s?]*|\s\/)\?\S*/g, "$1").replace(/(socket hang up)(?=\S)/, "$1: ");
}

// ThrottlingError / ClientError / ServerError: the body's own fields are the truth; the SDK's
// message repeats them as `code: 403, <Message> request id: <id>`.
function fromResponseError(e: Record<string, any>, action: string): EcsError {
  const data = (typeof e.data === "object" && e.data) || {};
  const requestId = cleanString(data.RequestId) ?? cleanString(e.requestId);
  const message =
    cleanString(data.Message) ??
    String(e.message ?? "")
      .replace(/^code: \d+, /, "")
      .replace(/ request id: \S*$/, "");
  return new EcsError({
    action,
    code: cleanString(data.Code) ?? e.code,
    detail: message,
    httpStatus: e.statusCode,
    requestId,
    recommend: cleanString(data.Recommend),
    retryAfterMs: typeof e.retryAfter === "number" && e.retryAfter >= 0 ? e.retryAfter : undefined,
  });
}

function networkCode(e: Record<string, any>): string | undefined {
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return e.code;
  if (typeof e.name === "string" && e.name.startsWith("RequestTimeout")) return "RequestTimeout";
  const message = String(e.message ?? "");
  if (/socket hang up/i.test(message)) return "SocketHangUp";
  if (/ReadTimeout|ConnectTimeout/.test(message)) return "RequestTimeout";
  if (/network socket disconnected/i.test(message)) return "ECONNRESET";
  return undefined;
}

const LOCAL_REMEDIES: Record<string, string> = {
  MissingCredentials: CREDENTIALS_REMEDY,
  ENOTFOUND:
    "The ECS endpoint host name does not resolve: check ALIBABA_CLOUD_ECS_ENDPOINT and the region id (alicloud:region / ALIBABA_CLOUD_REGION_ID).",
  InvalidResponse: "The endpoint did not answer like ECS: check ALIBABA_CLOUD_ECS_ENDPOINT, or retry later.",
  DryRunOperation: "Not an error: the DryRun check passed.",
};

const CLASS_REMEDIES: Record<ErrorClass, string> = {
  throttling:
    "ECS kept throttling after several retries: update fewer resources at once (pulumi up --parallel N) or raise DISKOPS_RETRIES / DISKOPS_RETRY_MAX_MS.",
  server: "ECS had a server-side problem that persisted across retries: run the update again later.",
  network:
    "The ECS endpoint could not be reached reliably: check network access, proxies and ALIBABA_CLOUD_ECS_ENDPOINT, then run the update again.",
  conflict: "Another operation on the same resource is in progress: wait for it to finish and run the update again.",
  terminal: "See the ECS API error documentation for this code.",
};

function remedyFor(code: string, action: string, httpStatus?: number, recommend?: string): string {
  const known = catalogEntry(code, action)?.remedy ?? LOCAL_REMEDIES[code];
  if (known) return known;
  const errorClass = classifyCode(code, httpStatus);
  if (errorClass === "terminal" && recommend) return `See the diagnosis at ${recommend}`;
  return CLASS_REMEDIES[errorClass];
}

function formatMessage(
  action: string,
  code: string,
  httpStatus: number | undefined,
  requestId: string | undefined,
  detail: string,
  remedy: string,
): string {
  const where = [httpStatus !== undefined ? `HTTP ${httpStatus}` : "no HTTP response", requestId && `request ${requestId}`]
    .filter(Boolean)
    .join(", ");
  return `ECS ${action} failed: ${code} (${where}): ${stripPeriod(detail)}. Remedy: ${stripPeriod(remedy)}`;
}

function stripPeriod(text: string): string {
  return text.trim().replace(/\.+$/, "");
}

function cleanString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== "undefined" ? value : undefined;
}

function stringOr(...values: unknown[]): string {
  for (const value of values) {
    const s = cleanString(value);
    if (s && s !== "Error") return s;
  }
  // Not ECS's own "UnknownError" (a server-side code): something failed locally.
  return "UnexpectedError";
}
