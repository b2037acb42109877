// ClientTokens are remembered for a bounded window (--client-token-ttl), then forgotten: a token
// reused after the window is a new request. ECS documents no retention period (AWS services keep
// theirs 8 to 36 hours), so nothing may rest on a token being remembered for days. The window is
// simulated time (scaled by the time scale like every duration) so tests can exercise it; at time
// scale 0 tokens are never forgotten (a zero window would make every retry a new request).
// A Map, so actions keep using get/set; expired entries are invisible and dropped when seen.
// Tokens of creating actions (CreateSnapshot, CreateImage) live in the same store, scoped to their
// action: the same token with the same parameters returns the first result, other parameters
// are a mismatch.
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
    for (const r of records) this.set(clientTokenKey(r), r);
  }

  /** The records still remembered (for the state file). */
  live(now = Date.now()): ClientTokenRecord[] {
    for (const [token, rec] of super.entries()) if (this.expired(rec, now)) super.delete(token);
    return [...super.values()];
  }
}

/** Map key of a token: ReplaceSystemDisk's tokens keep the bare token, other actions are scoped. */
export function clientTokenKey(record: Pick<ClientTokenRecord, "Token" | "Action">): string {
  return record.Action ? `${record.Action}\n${record.Token}` : record.Token;
}

/** A stable fingerprint of the request parameters that define the result (auth fields excluded). */
export function paramsFingerprint(raw: Record<string, string>, ignore: readonly string[]): string {
  const entries = Object.entries(raw)
    .filter(([k, v]) => v !== "" && !ignore.includes(k) && k !== "ClientToken")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

export type Recall = { kind: "new" } | { kind: "same"; resourceId: string } | { kind: "mismatch" };

export function recallClientToken(tokens: ClientTokenStore, action: string, token: string | undefined, fingerprint: string): Recall {
  if (token === undefined) return { kind: "new" };
  const earlier = tokens.get(clientTokenKey({ Token: token, Action: action }));
  if (!earlier) return { kind: "new" };
  return earlier.Fingerprint === fingerprint ? { kind: "same", resourceId: earlier.ResourceId ?? "" } : { kind: "mismatch" };
}

export function rememberClientToken(
  tokens: ClientTokenStore,
  action: string,
  token: string | undefined,
  fingerprint: string,
  result: { resourceId: string; instanceId?: string; diskId?: string },
): void {
  if (token === undefined) return;
  const record: ClientTokenRecord = {
    Token: token,
    Action: action,
    Fingerprint: fingerprint,
    ResourceId: result.resourceId,
    InstanceId: result.instanceId ?? "",
    DiskId: result.diskId ?? "",
  };
  tokens.set(clientTokenKey(record), record);
}
