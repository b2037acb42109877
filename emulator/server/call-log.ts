// The call log (GET /__emulator/calls): what was called and how it was answered. Never secrets:
// authentication parameters are dropped and passwords masked.
import { AUTH_PARAMS } from "../protocol/auth";
import type { FaultMode } from "./faults";

export interface CallLogEntry {
  Action: string;
  HttpStatus: number;
  Code?: string;
  RequestId: string;
  At: string;
  Params: Record<string, string>;
  /**
   * The mode of the injected fault this call met ("error", "reset", "hang", "drop-response"), so
   * an injected 503 is told apart from a real one. reset/hang log HttpStatus 0; drop-response
   * logs the answer that was computed but never sent.
   */
  Fault?: FaultMode;
}

/** Entries kept by default: the oldest are dropped beyond it (a fleet bench sets a larger limit). */
export const DEFAULT_CALL_LOG_LIMIT = 10_000;
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
  private droppedCount = 0;

  /** @param limit entries kept; older ones are dropped and counted (dropped()). */
  constructor(readonly limit = DEFAULT_CALL_LOG_LIMIT) {}

  add(entry: Omit<CallLogEntry, "At" | "Params"> & { Params: Record<string, string> }): void {
    this.entries.push({ ...entry, At: new Date().toISOString(), Params: sanitizeParams(entry.Params) });
    if (this.entries.length > this.limit) {
      const over = this.entries.length - this.limit;
      this.entries.splice(0, over);
      this.droppedCount += over;
    }
  }

  list(): CallLogEntry[] {
    return [...this.entries];
  }

  /** How many entries were dropped (oldest first) since the last clear, so a reader can tell the log is whole. */
  dropped(): number {
    return this.droppedCount;
  }

  clear(): void {
    this.entries = [];
    this.droppedCount = 0;
  }
}
