// Runs an action while the instance is held stopped (through the session registry) and brings the
// instance to the state the power policy asks for afterwards — also when the action failed, so a
// machine is never left stopped by surprise.
import { RefusedError } from "../errors";
import type { OpsContext } from "../ops-context";
import type { HolderRecord } from "./record";
import { joinSession, type PowerRequest } from "./sessions";

export interface WindowOutcome<T> {
  value?: T;
  /** The action's (or the stop's) failure; undefined on success. */
  error?: unknown;
  failed: boolean;
  statusBefore: string;
  statusAfter: string;
  stoppedByUs: boolean;
  restoreError?: string;
  /** The close gave up waiting for another operation: a re-run must come back to close the window. */
  closePending?: boolean;
  /** Request ids of the StopInstance / StartInstance calls of this window, in order. */
  powerRequestIds: { stop?: string; start?: string };
  /** What the intent record showed or did, for the user (warnings). */
  notes: string[];
  /**
   * Call last, once the outputs are built: removes the record (the run's last ECS call), so a
   * run killed before it finds the record on its re-run. Idempotent.
   */
  release(): Promise<void>;
}

/** A release that runs once. */
function once(release: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= release());
}

/** What the action learns about its window: the records an interrupted run of this stack left. */
export interface WindowAccess {
  resumed: HolderRecord[];
  /** That run finished the work: the action only confirms it (nothing is sent again). */
  workDone: boolean;
  /** Tell the window the last mutating call was accepted (it can prepare its close meanwhile). */
  lastCallAccepted(): void;
}

/**
 * Throws only when nothing was touched (instance not found, refused by fail-if-running or by a
 * rival replacement); every other failure comes back in the outcome, after power was settled.
 */
export async function runInStoppedWindow<T>(ctx: OpsContext, req: PowerRequest, act: (window: WindowAccess) => Promise<T>): Promise<WindowOutcome<T>> {
  const refuse = (state: string, outcome: string) =>
    new RefusedError(
      `Instance ${req.instanceId} ${state} and powerPolicy is "fail-if-running": ${outcome} ` +
        `Stop the instance first, or choose powerPolicy "restore", "start" or "leave-stopped" to let the resource stop it.`,
    );
  // Running now: refused before anything (the record included) is written.
  if (req.policy === "fail-if-running" && (await ctx.readInstance(req.regionId, req.instanceId))?.status === "Running") {
    throw refuse("is Running", "nothing was changed.");
  }
  const participation = await joinSession(ctx, req);
  if (req.policy === "fail-if-running" && participation.statusBefore === "Running") {
    // Stopped only by another operation's window that will start it again: refused; it wishes nothing.
    await (await participation.withdraw()).release();
    throw refuse(
      "is held Stopped by another operation that will start it again (it was Running before)",
      "the instance was not touched (only this run's intent record was written and removed).",
    );
  }
  let value: T | undefined;
  let error: unknown;
  let failed = false;
  try {
    // A resumed run whose record says the work was done (it died while restoring power) does
    // not stop the instance again: the action only confirms what was done.
    if (!participation.workDone) await participation.ensureStopped();
    value = await act({ resumed: participation.resumed, workDone: participation.workDone, lastCallAccepted: participation.lastCallAccepted });
  } catch (err) {
    error = err;
    failed = true;
  }
  const closed = await participation.leave(!failed);
  return {
    value,
    error,
    failed,
    statusBefore: participation.statusBefore,
    statusAfter: closed.statusAfter,
    stoppedByUs: participation.stoppedByUs(),
    restoreError: closed.restoreError,
    closePending: closed.closePending,
    powerRequestIds: { stop: participation.stopRequestId(), start: closed.startRequestId },
    notes: closed.notes,
    release: once(closed.release),
  };
}
