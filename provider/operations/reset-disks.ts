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
  /**
   * How many disks (from the start of `disks`) an interrupted run had already had accepted
   * (its intent record says so): they are not sent again, only waited for.
   */
  acceptedEarlier?: number;
  /** Called after each accepted reset call with the number of disks accepted so far (to record progress). */
  onAccepted?: (count: number) => Promise<void>;
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
  for (const [index, result] of outcome.results.entries()) {
    if (index < (req.acceptedEarlier ?? 0)) {
      result.status = "InProgress";
      continue;
    }
    try {
      const { requestId } = await callThroughConflicts(() => ctx.api.resetDisk(result.diskId, result.snapshotId), {
        deadline: req.limit.deadline,
        settle: settler(ctx, req, [result.diskId]),
      });
      outcome.requestIds.push(requestId);
      result.status = "InProgress";
      await req.onAccepted?.(index + 1);
    } catch (err) {
      result.status = "Failed";
      result.errorCode = errorCode(err);
      result.errorMessage = errorMessage(err);
      throw err;
    }
  }
}

async function resetBatch(ctx: OpsContext, req: ResetRequest, outcome: ResetOutcome): Promise<void> {
  if ((req.acceptedEarlier ?? 0) >= req.disks.length) {
    for (const r of outcome.results) r.status = "InProgress";
    return;
  }
  let response;
  try {
    response = await callThroughConflicts(() => ctx.api.resetDisks(req.regionId, req.disks), {
      deadline: req.limit.deadline,
      settle: settler(ctx, req, req.disks.map((d) => d.diskId)),
    });
  } catch (err) {
    for (const r of outcome.results) {
      r.status = "Failed";
      r.errorCode = errorCode(err);
      r.errorMessage = errorMessage(err);
    }
    throw err;
  }
  outcome.requestIds.push(response.requestId);
  await req.onAccepted?.(req.disks.length);
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
