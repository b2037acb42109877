// DiskRestore create/update: find the instance, hold it stopped, roll the disks back, settle power,
// record outputs. A failure after the cloud was touched throws OperationError with partial state.
import type { DiskInfo } from "../ecs/api";
import { OperationError } from "../operations/errors";
import type { OpsContext } from "../operations/ops-context";
import { shortHash } from "../operations/window/record";
import type { IntentSpec } from "../operations/window/sessions";
import { runInStoppedWindow, type WindowAccess } from "../operations/window/power-window";
import { canonicalJson } from "../operations/client-token";
import { confirmRolledBack, type DiskResult, DiskResetError, resetDisks, type ResetOutcome } from "../operations/reset-disks";
import { deadlineFor, stepTimeoutMs } from "../operations/timeouts";
import { failureMessage, ownerOf, powerRequest, reportNotes, runPreflight } from "../common/apply";
import { canaryGate, type CanaryPass, type CanaryResult } from "../common/permission-proofs";
import { isPermissionDenied } from "../operations/window/tagging-permission";
import { errorMessage } from "../operations/errors";
import { opsContext, resolveRegion } from "../common/context";
import { DISK_RESTORE_DEFAULTS } from "./types";
import { outputRecord, isIncomplete, partialState, WINDOW_PENDING_KEY, windowPending } from "../common/outputs";
import type { DiskRestoreInputs, DiskRestoreOutputs } from "./types";
import { preflightDiskRestore } from "./preflight";
import {
  recordGuardSnapshots,
  SAFETY_RUN_KEY,
  safetySnapshotEnabled,
  takeGuardSnapshots,
} from "../common/safety-snapshot";
import { safetySnapshotRunKey, type SafetySnapshot } from "../operations/safety-snapshot";
import { now as clockNow } from "../ecs/process-scope";

const KIND = "DiskRestore";
const RESUME_HINT = " What was done so far is recorded; run `pulumi up` again to finish the rollback.";
const CLOSE_HINT = " Run `pulumi up` again to finish: it closes the window (restores the power state) once that operation is done.";
/** instanceStatusBefore/After for disks attached to no instance. */
export const NO_INSTANCE = "NotAttached";

export async function applyDiskRestore(
  id: string,
  inputs: DiskRestoreInputs,
  request: Record<string, unknown>,
  olds?: Record<string, any>,
): Promise<DiskRestoreOutputs> {
  const facts = await runPreflight(KIND, inputs, preflightDiskRestore);
  const regionId = resolveRegion(inputs.regionId) ?? facts?.regionId;
  if (!regionId) {
    throw new Error(`${KIND}: no region: set regionId, the Pulumi config alicloud:region, or ALIBABA_CLOUD_REGION_ID.`);
  }
  const ctx = opsContext();
  // Preflight just established which instance the disks are on (and failed the run otherwise).
  const instanceId = facts && facts.regionId === regionId ? facts.instanceId : await findInstance(ctx, regionId, inputs);
  const restoreMs = stepTimeoutMs(inputs.timeouts, "restore");
  const strategy = inputs.strategy ?? DISK_RESTORE_DEFAULTS.strategy;
  const done = finishedEarlier(inputs, regionId, olds);
  const todo = inputs.disks.filter((d) => !done.has(d.diskId));
  const guard = safetySnapshotEnabled(inputs.safetySnapshot) ? inputs.safetySnapshot : undefined;
  const runKey = guard ? safetyRunKey(inputs, regionId, olds) : undefined;
  const safety = { taken: [] as SafetySnapshot[], requestIds: [] as string[] };
  let gate: CanaryPass | undefined;
  /** Removes the window's record: the run's last ECS call (see runInStoppedWindow). */
  let release = async () => undefined as void;
  const reset = async (window?: WindowAccess): Promise<ResetOutcome> => {
    // Inside the stopped window: the snapshot holds exactly what the reset overwrites.
    if (guard && runKey && todo.length) {
      await takeGuardSnapshots(ctx, {
        regionId,
        diskIds: todo.map((d) => d.diskId),
        kind: KIND,
        destructiveAction: strategy === "batch" ? "ResetDisks" : "ResetDisk",
        resourceId: id,
        runKey,
        retake: untouchedEarlier(inputs, todo, olds),
        timeouts: inputs.timeouts,
        value: guard,
      }, safety);
    }
    const targets = todo.map((d) => ({ diskId: d.diskId, snapshotId: d.snapshotId }));
    const limit = { step: "restore", timeoutMs: restoreMs, deadline: deadlineFor(restoreMs) };
    return mergeFinished(
      inputs,
      done,
      olds,
      !todo.length
        ? { requestIds: [], results: [] }
        : window?.workDone
          ? // An interrupted run of this stack recorded the rollback done (it died restoring power):
            // confirm it from the disks rather than reset them again.
            await confirmRolledBack(ctx, { regionId, instanceId, disks: targets, strategy, limit })
          : await resetDisks(ctx, {
              regionId,
              instanceId,
              disks: targets,
              strategy,
              limit,
              onFirstAnswer: (err) => gate?.report(...canaryResult(err)),
              onAllAccepted: () => window?.lastCallAccepted(),
            }),
    );
  };

  let outcome: ResetOutcome | undefined;
  let failure: unknown;
  let power: {
    statusBefore: string;
    statusAfter: string;
    stoppedByUs: boolean;
    restoreError?: string;
    closePending?: boolean;
    powerRequestIds?: { stop?: string; start?: string };
  } = {
    statusBefore: NO_INSTANCE,
    statusAfter: NO_INSTANCE,
    stoppedByUs: false,
  };
  // A run whose close gave up waiting left the window to close: enter it again even with nothing left to reset.
  if (instanceId && (todo.length || windowPending(olds))) {
    // A fleet whose permission proof was left to the first real call: one goes first (permission-proofs.ts).
    gate = await canaryGate(ctx.api, regionId, strategy === "batch" ? "ResetDisks" : "ResetDisk");
    let window: Awaited<ReturnType<typeof runInStoppedWindow<ResetOutcome>>>;
    try {
      window = await runInStoppedWindow(ctx, powerRequest(inputs, regionId, instanceId, restoreIntent(inputs, regionId, instanceId, todo, restoreMs)), reset);
    } finally {
      // Every way out reports (the first report counts), so resources waiting behind a canary never wait for nothing.
      gate.report("inconclusive");
    }
    release = window.release;
    await reportNotes(KIND, window.notes);
    outcome = window.value;
    failure = window.error;
    power = window;
  } else {
    // No instance, or nothing left to do (a resumed run whose disks were all rolled back already).
    if (instanceId) {
      const now = (await ctx.readInstance(regionId, instanceId))?.status ?? "unknown";
      power = { statusBefore: now, statusAfter: now, stoppedByUs: false };
    }
    try {
      outcome = await reset();
    } catch (err) {
      failure = err;
    }
  }
  if (failure instanceof DiskResetError) outcome = mergeFinished(inputs, done, olds, failure.outcome);
  outcome ??= mergeFinished(inputs, done, olds, { requestIds: [], results: [] });

  const outputs = outputRecord<DiskRestoreInputs, DiskRestoreOutputs>(inputs, {
    instanceId: instanceId ?? "",
    regionId,
    instanceStatusBefore: power.statusBefore,
    instanceStatusAfter: power.statusAfter,
    // In the order they were sent: the stop, the snapshots, the resets, the start.
    requestIds: [power.powerRequestIds?.stop, ...safety.requestIds, ...outcome.requestIds, power.powerRequestIds?.start].filter(
      (r): r is string => typeof r === "string" && r.length > 0,
    ),
    restoredAt: new Date(clockNow()).toISOString(),
    results: outcome.results,
    safetySnapshots: mergeSnapshots(inputs, done, olds, safety.taken),
    ...(runKey ? { [SAFETY_RUN_KEY]: runKey } : {}),
  });
  try {
    if (failure !== undefined) {
      const message = failureMessage(KIND, failure, { instanceId, ...power }, RESUME_HINT);
      throw new OperationError(message, id, partialState(outputs as unknown as Record<string, unknown>, request, message));
    }
    await recordGuardSnapshots(ctx, regionId, id, outputs.safetySnapshots);
    if (power.closePending) {
      // Rolled back, but the window is still held by another operation: the next run closes it.
      const message = failureMessage(KIND, new Error("the disks were rolled back"), { instanceId, ...power }, CLOSE_HINT);
      throw new OperationError(message, id, { ...partialState(outputs as unknown as Record<string, unknown>, request, message), [WINDOW_PENDING_KEY]: true });
    }
    if (power.restoreError) {
      // The rollback itself is done: record it as such (not incomplete), but say power needs a hand.
      const message = failureMessage(KIND, new Error("the disks were rolled back"), { instanceId, ...power });
      throw new OperationError(message, id, { ...outputs, __provider: request.__provider });
    }
    return outputs;
  } finally {
    await release();
  }
}

/**
 * The intent record of this rollback: the owner is the stack (a re-run of the stack after a crash
 * finds the record its predecessor wrote). The previous record format named it by a hash of the
 * rollback itself; that id recognises a record written by the previous version.
 */
function restoreIntent(inputs: DiskRestoreInputs, regionId: string, instanceId: string, todo: { diskId: string; snapshotId: string }[], restoreMs: number): IntentSpec {
  const legacyId = shortHash(canonicalJson({ kind: KIND, regionId, instanceId, disks: todo.map((d) => [d.diskId, d.snapshotId]), triggers: inputs.triggers ?? null }));
  return {
    owner: ownerOf(inputs, legacyId),
    legacyId,
    kind: "restore",
    budgetMs: stepTimeoutMs(inputs.timeouts, "stop") + restoreMs + stepTimeoutMs(inputs.timeouts, "start"),
  };
}

/** What the answer to the canary's first real reset call showed about the permission. */
function canaryResult(error?: unknown): [CanaryResult, string?] {
  if (error === undefined) return ["proven"];
  if (isPermissionDenied(error)) return ["denied", errorMessage(error)];
  return ["inconclusive"];
}

/**
 * A resumed run (the state was recorded after a failure, same target and triggers) does not roll
 * back again the disks the failed run already rolled back to the same snapshot (that would stop
 * the instance again and throw away what was written to them since). Returns their old results.
 */
function finishedEarlier(inputs: DiskRestoreInputs, regionId: string, olds?: Record<string, any>): Map<string, DiskResult> {
  const done = new Map<string, DiskResult>();
  if (!isIncomplete(olds) || olds?.regionId !== regionId) return done;
  if (canonicalJson(olds?.triggers) !== canonicalJson(inputs.triggers)) return done;
  const wanted = new Map(inputs.disks.map((d) => [d.diskId, d.snapshotId]));
  for (const r of (olds?.results ?? []) as DiskResult[]) {
    if (r?.status === "Success" && wanted.get(r.diskId) === r.snapshotId) done.set(r.diskId, r);
  }
  return done;
}

/** This run's outcome with the disks finished earlier put back, in input order. */
function mergeFinished(inputs: DiskRestoreInputs, done: Map<string, DiskResult>, olds: Record<string, any> | undefined, run: ResetOutcome): ResetOutcome {
  const byDisk = new Map(run.results.map((r) => [r.diskId, r]));
  return {
    requestIds: [...((done.size && (olds?.requestIds as string[] | undefined)) || []), ...run.requestIds],
    results: inputs.disks.map((d) => done.get(d.diskId) ?? byDisk.get(d.diskId) ?? { diskId: d.diskId, snapshotId: d.snapshotId, status: "NotStarted" }),
  };
}

/**
 * The run key of the safety snapshots: a resumed run (incomplete state) continues the interrupted
 * run; a create starts from "create" (so a re-run after a crash finds the snapshots), an update
 * from the previous run's time (so every deliberate run takes its own).
 */
function safetyRunKey(inputs: DiskRestoreInputs, regionId: string, olds?: Record<string, any>): string {
  if (isIncomplete(olds) && typeof olds?.[SAFETY_RUN_KEY] === "string") return olds[SAFETY_RUN_KEY];
  return safetySnapshotRunKey({
    kind: KIND,
    regionId,
    disks: [...inputs.disks].map((d) => [d.diskId, d.snapshotId]).sort(),
    triggers: inputs.triggers ?? null,
    basis: olds?.restoredAt ?? "create",
  });
}

/** Resumed run: disks the interrupted attempt never reset get a fresh snapshot (data written since). */
function untouchedEarlier(inputs: DiskRestoreInputs, todo: DiskRestoreInputs["disks"], olds?: Record<string, any>): string[] {
  if (!isIncomplete(olds)) return [];
  const earlier = new Map(((olds?.results ?? []) as DiskResult[]).map((r) => [r?.diskId, r?.status]));
  return todo.filter((d) => (earlier.get(d.diskId) ?? "NotStarted") === "NotStarted").map((d) => d.diskId);
}

/** This run's snapshots plus those an interrupted attempt took for disks it finished, in input order. */
function mergeSnapshots(inputs: DiskRestoreInputs, done: Map<string, DiskResult>, olds: Record<string, any> | undefined, taken: SafetySnapshot[]): SafetySnapshot[] {
  const earlier = ((done.size && olds?.safetySnapshots) || []) as SafetySnapshot[];
  const byDisk = new Map<string, SafetySnapshot>();
  for (const s of earlier) if (done.has(s.diskId)) byDisk.set(s.diskId, s);
  for (const s of taken) byDisk.set(s.diskId, s);
  return inputs.disks.map((d) => byDisk.get(d.diskId)).filter((s): s is SafetySnapshot => !!s);
}

/**
 * The instance the disks belong to: `instanceId` when given (every attached disk must be on it),
 * else the one instance all attached disks share; undefined when no disk is attached.
 */
async function findInstance(ctx: OpsContext, regionId: string, inputs: DiskRestoreInputs): Promise<string | undefined> {
  const ids = inputs.disks.map((d) => d.diskId);
  const found = await ctx.readDisks(regionId, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) {
    throw new Error(`${KIND}: disk(s) ${missing.join(", ")} not found in region ${regionId}; nothing was changed. Check the disk ids and regionId.`);
  }
  const attached = [...found.values()].filter((d: DiskInfo) => d.instanceId);
  const owners = [...new Set(attached.map((d) => d.instanceId as string))];
  if (inputs.instanceId) {
    const strangers = attached.filter((d) => d.instanceId !== inputs.instanceId);
    if (strangers.length) {
      throw new Error(
        `${KIND}: disk(s) ${strangers.map((d) => `${d.diskId} (attached to ${d.instanceId})`).join(", ")} are not attached to ` +
          `instance ${inputs.instanceId}; nothing was changed. Fix instanceId or the disk list.`,
      );
    }
    return inputs.instanceId;
  }
  if (owners.length > 1) {
    throw new Error(
      `${KIND}: the disks belong to several instances (${owners.join(", ")}); one resource rolls back the disks of one instance. ` +
        `Nothing was changed: split them into one DiskRestore per instance.`,
    );
  }
  return owners[0];
}
