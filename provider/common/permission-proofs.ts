// Proving at check that the credentials may call a mutating action costs a DryRun of that action,
// and a DryRun spends the real action's flow-control budget (ResetDisk: 500 calls per 60 s). So it
// is proven once per region and action in this provider process, and the proof is reused for
// DISKOPS_PERMISSION_PROOF_TTL_MS (default 10 min; 0 = prove on every check). Concurrent checks
// wait for the one DryRun in flight instead of sending their own. A DryRun that proves nothing (a
// resource-specific refusal, throttling) is not remembered: the next check sends its own.
import type { EcsApi } from "../ecs/api";
import { envInt } from "../ecs/timing";
import { now as clockNow } from "../ecs/process-scope";

export const DEFAULT_PROOF_TTL_MS = 600_000;

interface Ledger {
  provenAt: Map<string, number>;
  /** The DryRun in flight per key: resolves to whether it proved the permission. */
  inFlight: Map<string, Promise<boolean>>;
}

const ledgers = new WeakMap<EcsApi, Ledger>();

function ledgerOf(api: EcsApi): Ledger {
  let ledger = ledgers.get(api);
  if (!ledger) {
    ledger = { provenAt: new Map(), inFlight: new Map() };
    ledgers.set(api, ledger);
  }
  return ledger;
}

function fresh(ledger: Ledger, key: string): boolean {
  const at = ledger.provenAt.get(key);
  return at !== undefined && clockNow() - at < envInt(process.env, "DISKOPS_PERMISSION_PROOF_TTL_MS", DEFAULT_PROOF_TTL_MS);
}

/**
 * Runs `send` (a DryRun) unless `action` in `regionId` is already proven for this api; returns its
 * result, or undefined when the proof was reused. `proves` says whether a result proves the permission.
 */
export async function proveOnce<T>(
  api: EcsApi,
  regionId: string,
  action: string,
  send: () => Promise<T>,
  proves: (result: T) => boolean,
): Promise<T | undefined> {
  const ledger = ledgerOf(api);
  const key = `${regionId}/${action}`;
  for (;;) {
    if (fresh(ledger, key)) return undefined;
    const pending = ledger.inFlight.get(key);
    if (!pending) break;
    // The DryRun we waited for proved it: that holds for us too, whatever the TTL.
    if (await pending) return undefined;
  }
  const attempt = send();
  const proved = attempt.then(proves, () => false);
  ledger.inFlight.set(key, proved);
  try {
    const result = await attempt;
    if (await proved) ledger.provenAt.set(key, clockNow());
    return result;
  } finally {
    if (ledger.inFlight.get(key) === proved) ledger.inFlight.delete(key);
  }
}
