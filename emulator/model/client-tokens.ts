// ClientTokens are remembered for a bounded window (--client-token-ttl), then forgotten: a token
// reused after the window is a new request. ECS documents no retention period (AWS services keep
// theirs 8 to 36 hours), so nothing may rest on a token being remembered for days. The window is
// simulated time (scaled by the time scale like every duration) so tests can exercise it; at time
// scale 0 tokens are never forgotten (a zero window would make every retry a new request).
// A Map, so actions keep using get/set; expired entries are invisible and dropped when seen.
import type { DurationModel } from "./durations";
import type { ClientTokenRecord } from "./types";

/** 8 hours: the shorter end of AWS's 8-36 h, since ECS publishes none. */
export const DEFAULT_CLIENT_TOKEN_TTL_SECONDS = 8 * 60 * 60;

export class ClientTokenStore extends Map<string, ClientTokenRecord> {
  constructor(
    private readonly durations: DurationModel,
    readonly ttlSeconds = DEFAULT_CLIENT_TOKEN_TTL_SECONDS,
  ) {
    super();
    if (!(ttlSeconds > 0)) throw new Error(`clientTokenTtlSeconds (--client-token-ttl) must be a number of seconds > 0 (got ${ttlSeconds})`);
  }

  private expired(rec: ClientTokenRecord, now: number): boolean {
    const windowMs = this.durations.spanMs(this.ttlSeconds);
    return windowMs > 0 && now - (rec.RememberedAt ?? now) >= windowMs;
  }

  override get(token: string): ClientTokenRecord | undefined {
    const rec = super.get(token);
    if (rec && this.expired(rec, Date.now())) {
      super.delete(token);
      return undefined;
    }
    return rec;
  }

  override has(token: string): boolean {
    return this.get(token) !== undefined;
  }

  /** Remembers the result; the window starts now unless the record already carries its time. */
  override set(token: string, rec: ClientTokenRecord): this {
    return super.set(token, { ...rec, RememberedAt: rec.RememberedAt ?? Date.now() });
  }

  /** Replaces the content (state file); records without a time start their window now. */
  load(records: ClientTokenRecord[]): void {
    this.clear();
    for (const r of records) this.set(r.Token, r);
  }

  /** The records still remembered (for the state file). */
  live(now = Date.now()): ClientTokenRecord[] {
    for (const [token, rec] of super.entries()) if (this.expired(rec, now)) super.delete(token);
    return [...super.values()];
  }
}
