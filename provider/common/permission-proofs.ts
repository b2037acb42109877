// Proving at check that the credentials may call a mutating action costs a DryRun of that action,
// and a DryRun spends the real action's flow-control budget (ResetDisk: 500 calls per 60 s). So:
//  - it is proven once per region and action in this provider process, and the proof is reused for
//    DISKOPS_PERMISSION_PROOF_TTL_MS (default 10 min; 0 = prove on every check). Concurrent checks
//    wait for the one DryRun in flight instead of sending their own. A DryRun that proves nothing
//    (a resource-specific refusal, throttling) is not remembered: the next check sends its own.
//  - when this process is checking as many resources for the action as its flow control admits in
//    one window (a fleet of 500 rollbacks), the DryRun would take a slot the fleet needs: the 501st
//    call would wait a whole window. Then no DryRun is sent; the permission is proven by the first
//    real call of the apply instead (a canary), and the other resources stop their instances only
//    after it was accepted (canaryGate). Preview says so. The engine sends the checks of a
//    deployment's independent resources together, but the first one reaches its DryRun after its
//    reads, before the last ones arrived: so the decision waits until no new check has asked for
//    the proof for a moment (proofSettleMs), and only then counts.
import type { EcsApi } from "../ecs/api";
import { sleep } from "../ecs/backoff";
import { now } from "../ecs/process-scope";
import { envInt, pollTiming, DEFAULT_POLL } from "../ecs/timing";

export const DEFAULT_PROOF_TTL_MS = 600_000;

/** How long no new check may have asked before the proof decides (ms at the default poll clock). */
export const DEFAULT_PROOF_SETTLE_MS = 100;
/** The decision waits at most this many settle periods, however steadily checks keep arriving. */
const SETTLE_CAP_PERIODS = 30;

/** DISKOPS_PROOF_SETTLE_MS, else the default scaled like expected durations (with DISKOPS_POLL_MIN_MS). */
export function proofSettleMs(env: NodeJS.ProcessEnv = process.env): number {
  const scaled = Math.round((DEFAULT_PROOF_SETTLE_MS * pollTiming({}, env).minDelayMs) / DEFAULT_POLL.minDelayMs);
  return envInt(env, "DISKOPS_PROOF_SETTLE_MS", scaled);
}

/** Flow control ECS documents for the mutating actions this package proves (the seeds' error tables). */
export const DOCUMENTED_FLOW_CONTROL: Readonly<Record<string, { limit: number; windowMs: number }>> = {
  ResetDisk: { limit: 500, windowMs: 60_000 },
  ResetDisks: { limit: 500, windowMs: 60_000 },
  ReplaceSystemDisk: { limit: 200, windowMs: 60_000 },
};

/** What a canary's real call showed. */
export type CanaryResult = "proven" | "denied" | "inconclusive";

interface Ledger {
  provenAt: Map<string, number>;
  /** The DryRun in flight per key: resolves to whether it proved the permission. */
  inFlight: Map<string, Promise<boolean>>;
  /** When each check that needed the proof asked, per key (the last window's worth). */
  demand: Map<string, number[]>;
  /** Keys whose proof was left to the apply's first real call. */
  deferred: Set<string>;
  /** The canary in flight per key: resolves with what its real call showed. */
  canary: Map<string, Promise<CanaryResult>>;
  /** A denial a canary met, per key: later resources fail with it before touching anything. */
  denied: Map<string, string>;
}

const ledgers = new WeakMap<EcsApi, Ledger>();

function ledgerOf(api: EcsApi): Ledger {
  let ledger = ledgers.get(api);
  if (!ledger) {
    ledger = { provenAt: new Map(), inFlight: new Map(), demand: new Map(), deferred: new Set(), canary: new Map(), denied: new Map() };
    ledgers.set(api, ledger);
  }
  return ledger;
}

function fresh(ledger: Ledger, key: string): boolean {
  const at = ledger.provenAt.get(key);
  return at !== undefined && now() - at < envInt(process.env, "DISKOPS_PERMISSION_PROOF_TTL_MS", DEFAULT_PROOF_TTL_MS);
}

/**
 * A check that will want `action` proven in `regionId`: counted so the proof can tell a fleet
 * (whose flow-control slots are all needed) from a handful of resources. Call it as early as the
 * check knows the action, before its reads, so every check of a fleet arriving together is counted.
 */
export function noteProofDemand(api: EcsApi, regionId: string, action: string): void {
  const ledger = ledgerOf(api);
  const key = `${regionId}/${action}`;
  const window = DOCUMENTED_FLOW_CONTROL[action]?.windowMs ?? 60_000;
  const t = now();
  const recent = (ledger.demand.get(key) ?? []).filter((at) => at > t - window);
  recent.push(t);
  ledger.demand.set(key, recent);
}

/** True when a DryRun now would take a flow-control slot the resources being checked need. */
function fleetNeedsEverySlot(ledger: Ledger, key: string, action: string): boolean {
  const flow = DOCUMENTED_FLOW_CONTROL[action];
  if (!flow) return false;
  const t = now();
  const asking = (ledger.demand.get(key) ?? []).filter((at) => at > t - flow.windowMs).length;
  return asking >= flow.limit;
}

/**
 * Waits until no check asked for `key`'s proof for proofSettleMs (at most SETTLE_CAP_PERIODS of
 * it), or the demand already fills a flow-control window: then the count is the deployment's.
 */
async function demandSettled(ledger: Ledger, key: string, action: string): Promise<void> {
  const quietMs = proofSettleMs();
  if (quietMs <= 0) return;
  const started = now();
  for (;;) {
    const t = now();
    const last = (ledger.demand.get(key) ?? []).at(-1) ?? -Infinity;
    const quietFor = t - last;
    if (quietFor >= quietMs || t - started >= SETTLE_CAP_PERIODS * quietMs || fleetNeedsEverySlot(ledger, key, action)) return;
    await sleep(quietMs - quietFor);
  }
}

/** The outcome of proveOnce: the DryRun's result, undefined (proof reused), or deferred to a canary. */
export type Proof<T> = { sent: T } | { reused: true } | { deferred: true };

/**
 * Runs `send` (a DryRun) unless `action` in `regionId` is already proven for this api, or the
 * fleet being checked needs every flow-control slot (then the proof is deferred to the apply's
 * first real call). `proves` says whether a result proves the permission.
 */
export async function proveOnce<T>(api: EcsApi, regionId: string, action: string, send: () => Promise<T>, proves: (result: T) => boolean): Promise<Proof<T>> {
  const ledger = ledgerOf(api);
  const key = `${regionId}/${action}`;
  if (!fresh(ledger, key) && !ledger.inFlight.has(key) && !ledger.deferred.has(key)) await demandSettled(ledger, key, action);
  for (;;) {
    if (fresh(ledger, key)) return { reused: true };
    const pending = ledger.inFlight.get(key);
    if (!pending) break;
    // The DryRun we waited for proved it: that holds for us too, whatever the TTL.
    if (await pending) return { reused: true };
  }
  if (ledger.deferred.has(key) || fleetNeedsEverySlot(ledger, key, action)) {
    ledger.deferred.add(key);
    return { deferred: true };
  }
  const attempt = send();
  const proved = attempt.then(proves, () => false);
  ledger.inFlight.set(key, proved);
  try {
    const result = await attempt;
    if (await proved) ledger.provenAt.set(key, now());
    return { sent: result };
  } finally {
    if (ledger.inFlight.get(key) === proved) ledger.inFlight.delete(key);
  }
}

/** A participant's pass through the canary gate: a canary reports what its real call showed. */
export interface CanaryPass {
  canary: boolean;
  report(result: CanaryResult, detail?: string): void;
}

const NO_GATE: CanaryPass = { canary: false, report: () => undefined };

/**
 * At apply, before anything is stopped: when this process deferred the permission proof of
 * `action`, one resource goes first (the canary) and the others wait until its real call was
 * accepted. A denial it meets fails the others with nothing touched; anything inconclusive lets
 * the next one go first. Without a deferred proof this resolves at once.
 */
export async function canaryGate(api: EcsApi, regionId: string, action: string): Promise<CanaryPass> {
  const ledger = ledgerOf(api);
  const key = `${regionId}/${action}`;
  for (;;) {
    const denied = ledger.denied.get(key);
    if (denied) {
      throw new Error(
        `the first ${action} of this deployment in ${regionId} was refused for lack of permission (${denied}); ` +
          `nothing was changed on this resource. Grant ecs:${action} (RAM permissions) and run again.`,
      );
    }
    if (!ledger.deferred.has(key) || fresh(ledger, key)) return NO_GATE;
    const flying = ledger.canary.get(key);
    if (flying) {
      await flying;
      continue;
    }
    let settle!: (r: CanaryResult) => void;
    const flight = new Promise<CanaryResult>((resolve) => (settle = resolve));
    ledger.canary.set(key, flight);
    let reported = false;
    return {
      canary: true,
      report(result, detail) {
        if (reported) return;
        reported = true;
        if (result === "proven") ledger.provenAt.set(key, now());
        if (result === "denied") ledger.denied.set(key, detail ?? "permission denied");
        if (ledger.canary.get(key) === flight) ledger.canary.delete(key);
        settle(result);
      },
    };
  }
}
