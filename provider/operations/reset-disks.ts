// Rolls disks back to snapshots: ResetDisk per disk ("per-disk", the default) or one ResetDisks
// call ("batch"), then waits until every reset disk is out of ReIniting (In_use / Available).
// A per-disk failure is reported per disk in the results and in the error.
import type { DiskInfo } from "../ecs/api";
import { callThroughConflicts } from "./conflicts";
import { errorCode, errorMessage } from "./errors";
import type { OpsContext } from "./ops-context";
import { hasTransientLock, isTransitional, type StepLimit, waitForStable } from "./power";
import { waitFor, type WaitSpec } from "./wait";
import { now as clockNow } from "../ecs/process-scope";

export interface DiskTarget {
  diskId: string;
  snapshotId: string;
}

export interface DiskResult extends DiskTarget {
  /** Success | Failed | NotStarted (an earlier disk failed) | InProgress (still ReIniting) */
  status: string;
  errorCode?: string;
  errorMessage?: string;
}

export interface ResetRequest {
  regionId: string;
  /** The instance the disks are attached to; undefined for unattached disks. */
  instanceId?: string;
  disks: DiskTarget[];
  strategy: "per-disk" | "batch";
  limit: StepLimit;
  /** Told the answer to the first reset call (undefined: accepted), e.g. to prove a permission early. */
  onFirstAnswer?: (error?: unknown) => void;
  /** Told when every reset was accepted (only waiting for them is left). */
  onAllAccepted?: () => void;
}

export interface ResetOutcome {
  requestIds: string[];
  results: DiskResult[];
}

/** A reset that failed for some disks; carries what happened to each. */
export class DiskResetError extends Error {
  constructor(message: string, readonly outcome: ResetOutcome) {
    super(message);
    this.name = "DiskResetError";
  }
}

const SETTLED_DISK = new Set(["In_use", "Available"]);

export async function resetDisks(ctx: OpsContext, req: ResetRequest): Promise<ResetOutcome> {
  const outcome: ResetOutcome = {
    requestIds: [],
    results: req.disks.map((d) => ({ ...d, status: "NotStarted" })),
  };
  let failure: unknown;
  const startedAt = clockNow();
  try {
    if (req.strategy === "batch") await resetBatch(ctx, req, outcome);
    else await resetEach(ctx, req, outcome);
    if (outcome.results.every((r) => r.status === "InProgress")) req.onAllAccepted?.();
  } catch (err) {
    failure = err;
  }
  // Whatever happened, let the disks that were reset finish before anything restarts.
  const started = outcome.results.filter((r) => r.status === "InProgress");
  if (started.length) {
    try {
      await waitForDisksSettled(ctx, req, started.map((r) => r.diskId), undefined, { operation: "reset", startedAt });
      for (const r of started) r.status = "Success";
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure) throw wrap(failure, outcome);
  const failed = outcome.results.filter((r) => r.status === "Failed");
  if (failed.length) {
    throw new DiskResetError(
      `ResetDisks failed for ${failed.length} of ${outcome.results.length} disk(s): ` +
        failed.map((r) => `${r.diskId} (${r.snapshotId}): ${r.errorCode ?? "error"} ${r.errorMessage ?? ""}`.trim()).join("; ") +
        ".",
      outcome,
    );
  }
  return outcome;
}

async function resetEach(ctx: OpsContext, req: ResetRequest, outcome: ResetOutcome): Promise<void> {
  for (const result of outcome.results) {
    try {
      const { requestId } = await callThroughConflicts(() => ctx.api.resetDisk(result.diskId, result.snapshotId), {
        deadline: req.limit.deadline,
        settle: settler(ctx, req, [result.diskId]),
      });
      if (outcome.requestIds.length === 0) req.onFirstAnswer?.();
      outcome.requestIds.push(requestId);
      result.status = "InProgress";
    } catch (err) {
      if (outcome.requestIds.length === 0) req.onFirstAnswer?.(err);
      result.status = "Failed";
      result.errorCode = errorCode(err);
      result.errorMessage = errorMessage(err);
      throw err;
    }
  }
}

async function resetBatch(ctx: OpsContext, req: ResetRequest, outcome: ResetOutcome): Promise<void> {
  let response;
  try {
    response = await callThroughConflicts(() => ctx.api.resetDisks(req.regionId, req.disks), {
      deadline: req.limit.deadline,
      settle: settler(ctx, req, req.disks.map((d) => d.diskId)),
    });
  } catch (err) {
    req.onFirstAnswer?.(err);
    for (const r of outcome.results) {
      r.status = "Failed";
      r.errorCode = errorCode(err);
      r.errorMessage = errorMessage(err);
    }
    throw err;
  }
  req.onFirstAnswer?.();
  outcome.requestIds.push(response.requestId);
  for (const r of outcome.results) {
    const item = response.results.find((i) => i.diskId === r.diskId);
    if (!item || item.status === "Success") {
      r.status = "InProgress";
    } else {
      r.status = "Failed";
      r.errorCode = item.errorCode || undefined;
      r.errorMessage = item.errorMsg || undefined;
    }
  }
}

/**
 * A rollback an interrupted run recorded as done: waits for the disks to settle and checks that
 * each is on its snapshot, without sending anything. A disk that is not fails the run clearly.
 */
export async function confirmRolledBack(ctx: OpsContext, req: ResetRequest): Promise<ResetOutcome> {
  const disks = await waitForDisksSettled(ctx, req, req.disks.map((d) => d.diskId), "to be settled (an interrupted run rolled them back)");
  const results: DiskResult[] = req.disks.map((d) => {
    const found = disks.get(d.diskId);
    return found?.sourceSnapshotId === d.snapshotId
      ? { ...d, status: "Success" }
      : {
          ...d,
          status: "Failed",
          errorCode: "RecordMismatch",
          errorMessage: `the intent record says an interrupted run rolled ${d.diskId} back, but it is on ${found?.sourceSnapshotId || "no snapshot"}; run again to roll it back`,
        };
  });
  const failed = results.filter((r) => r.status === "Failed");
  if (failed.length) throw new DiskResetError(failed.map((r) => r.errorMessage).join("; ") + ".", { requestIds: [], results });
  return { requestIds: [], results };
}

function waitForDisksSettled(
  ctx: OpsContext,
  req: ResetRequest,
  diskIds: string[],
  purpose = "to finish the rollback (out of ReIniting, back to In_use/Available)",
  expect?: WaitSpec<unknown>["expect"],
): Promise<Map<string, DiskInfo>> {
  return waitFor({
    expect,
    read: () => ctx.readDisks(req.regionId, diskIds),
    done: (disks) => diskIds.every((id) => SETTLED_DISK.has(String(disks.get(id)?.status))),
    describe: (disks) => diskIds.map((id) => `${id} ${disks.get(id)?.status ?? "not found"}`).join(", "),
    waitingFor: `disk(s) ${diskIds.join(", ")} ${purpose}`,
    ...req.limit,
  });
}

/** After a conflict: wait for the disks (and their instance) to stop moving. */
function settler(ctx: OpsContext, req: ResetRequest, diskIds: string[]) {
  return async (): Promise<boolean> => {
    let moving = false;
    const disks = await ctx.readDisks(req.regionId, diskIds);
    if (diskIds.some((id) => !SETTLED_DISK.has(String(disks.get(id)?.status)))) {
      moving = true;
      await waitForDisksSettled(ctx, req, diskIds, "to finish their current operation");
    }
    if (req.instanceId) {
      const instance = await ctx.readInstance(req.regionId, req.instanceId);
      if (isTransitional(instance) || hasTransientLock(instance)) {
        moving = true;
        await waitForStable(ctx, req.regionId, req.instanceId, req.limit);
      }
    }
    return moving;
  };
}

function wrap(err: unknown, outcome: ResetOutcome): DiskResetError {
  if (err instanceof DiskResetError) return err;
  const e = new DiskResetError(errorMessage(err), outcome);
  (e as { cause?: unknown }).cause = err;
  return e;
}
