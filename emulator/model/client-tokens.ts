// ClientToken idempotency for creating actions (CreateSnapshot, CreateImage), in the same store as
// ReplaceSystemDisk's tokens (cloud.clientTokens, persisted with the state). A token is scoped to
// its action; the same token with the same parameters returns the first result, with other
// parameters it is a mismatch.
import type { Cloud } from "./cloud";
import type { ClientTokenRecord } from "./types";

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

export function recallClientToken(cloud: Cloud, action: string, token: string | undefined, fingerprint: string): Recall {
  if (token === undefined) return { kind: "new" };
  const earlier = cloud.clientTokens.get(clientTokenKey({ Token: token, Action: action }));
  if (!earlier) return { kind: "new" };
  return earlier.Fingerprint === fingerprint ? { kind: "same", resourceId: earlier.ResourceId ?? "" } : { kind: "mismatch" };
}

export function rememberClientToken(
  cloud: Cloud,
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
  cloud.clientTokens.set(clientTokenKey(record), record);
}
