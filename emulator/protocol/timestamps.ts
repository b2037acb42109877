// Request time checks shared by both signature schemes.
import { apiError } from "./errors";

export const MAX_SKEW_MS = 15 * 60 * 1000;

export function checkTimestamp(value: string, now = Date.now()): void {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw apiError("InvalidTimeStamp.Format");
  }
  if (Math.abs(now - Date.parse(value)) > MAX_SKEW_MS) throw apiError("InvalidTimeStamp.Expired");
}

/** Remembers nonces for as long as their timestamps are acceptable. */
export class NonceCache {
  private seen = new Map<string, number>();

  /** Returns false when the nonce was used already. */
  use(accessKeyId: string, nonce: string, now = Date.now()): boolean {
    if (this.seen.size > 10_000) for (const [k, exp] of this.seen) if (exp < now) this.seen.delete(k);
    const key = `${accessKeyId}\n${nonce}`;
    const exp = this.seen.get(key);
    if (exp !== undefined && exp >= now) return false;
    this.seen.set(key, now + 2 * MAX_SKEW_MS);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}
