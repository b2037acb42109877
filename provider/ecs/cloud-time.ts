// ECS's clock, learned from the `Date` header of its answers (as the AWS SDKs correct clock skew).
// The intent record compares times written by different machines (a record's expiry, a closer's
// deadline); machine clocks of two pipelines can differ by minutes, ECS's does not differ from
// itself. So every time written into or compared with a record is cloud time: this process's
// clock plus the offset seen in the last answers. The header has whole seconds, so the estimate
// is good to about a second plus half a round trip; records allow for that (window/record.ts).
import { now } from "./process-scope";

export class CloudClock {
  private offsetMs?: number;
  private bestRoundTripMs = Infinity;
  private observedAt = -Infinity;

  /** Learns from one answer: its Date header, and when the request left and the answer came. */
  observe(dateHeader: string | undefined, sentAt: number, receivedAt: number): void {
    if (!dateHeader) return;
    const serverMs = Date.parse(dateHeader);
    if (!Number.isFinite(serverMs)) return;
    const roundTrip = Math.max(0, receivedAt - sentAt);
    // Prefer quick answers (less uncertainty), but let a newer answer replace an estimate older
    // than a minute, so a clock that jumps is followed.
    if (roundTrip > this.bestRoundTripMs && receivedAt - this.observedAt < 60_000) return;
    this.bestRoundTripMs = roundTrip;
    this.observedAt = receivedAt;
    // The header truncates to the second: the server's time was in [serverMs, serverMs + 1000).
    this.offsetMs = serverMs + 500 - (sentAt + roundTrip / 2);
  }

  /** True once an answer carried a usable Date header. */
  get known(): boolean {
    return this.offsetMs !== undefined;
  }

  /** ECS's time now (ms since epoch); this process's clock until an answer was seen. */
  now(): number {
    return now() + (this.offsetMs ?? 0);
  }
}

/** The Date header of an SDK result ({ headers } of a response, or our { page, res } wrapper). */
export function dateHeaderOf(result: unknown): string | undefined {
  const r = result as { headers?: Record<string, unknown>; res?: { headers?: Record<string, unknown> } } | undefined;
  const date = r?.headers?.date ?? r?.res?.headers?.date;
  return typeof date === "string" ? date : undefined;
}
