// Every error the emulator answers with comes from the ONE catalogue (provider/ecs/error-catalog.ts).
import { catalogEntry } from "../../provider/ecs/error-catalog";

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * The catalogue's error for `code` (scoped to `action` when the catalogue differs per action).
 * `name` fills the `{name}` placeholder of MissingParameter / InvalidParameter messages.
 */
export function apiError(code: string, action?: string, opts: { name?: string; message?: string; httpStatus?: number } = {}): ApiError {
  const entry = catalogEntry(code, action);
  if (!entry && opts.httpStatus === undefined) throw new Error(`error code ${code} is not in the error catalogue`);
  const template = opts.message ?? entry?.message ?? code;
  const message = template.replace("{name}", opts.name ?? "");
  return new ApiError(code, opts.httpStatus ?? entry!.httpStatus, message);
}

export const missing = (name: string, action?: string) => apiError("MissingParameter", action, { name });
export const invalid = (name: string, action?: string) => apiError("InvalidParameter", action, { name });

export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

export function errorBody(err: ApiError, requestId: string, host: string): ErrorBody {
  return {
    RequestId: requestId,
    HostId: host,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=Ecs&requestId=${requestId}`,
  };
}
