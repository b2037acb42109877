// The call log (GET /__emulator/calls): what was called and how it was answered. Never secrets:
// authentication parameters are dropped and passwords masked.
import { AUTH_PARAMS } from "../protocol/auth";

export interface CallLogEntry {
  Action: string;
  HttpStatus: number;
  Code?: string;
  RequestId: string;
  At: string;
  Params: Record<string, string>;
  /** "reset" or "hang" when an injected fault dropped or stalled the connection. */
  Fault?: string;
}

const MAX_ENTRIES = 10_000;
export const MASK = "******";

function isSecretName(k: string): boolean {
  // ClientToken and NextToken (ListTagResources paging) are identifiers, not credentials.
  return /password$/i.test(k) || /secret/i.test(k) || (/token$/i.test(k) && k !== "ClientToken" && k !== "NextToken");
}

export function sanitizeParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (AUTH_PARAMS.includes(k)) continue;
    out[k] = isSecretName(k) ? MASK : v;
  }
  return out;
}

export class CallLog {
  private entries: CallLogEntry[] = [];

  add(entry: Omit<CallLogEntry, "At" | "Params"> & { Params: Record<string, string> }): void {
    this.entries.push({ ...entry, At: new Date().toISOString(), Params: sanitizeParams(entry.Params) });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): CallLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
