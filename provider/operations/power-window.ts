// Runs an action while the instance is held stopped (through the instance-session registry) and
// brings the instance to the state the power policy asks for afterwards — also when the action
// failed, so a machine is never left stopped by surprise.
import { RefusedError } from "./errors";
import { joinSession, type Participation, type PowerRequest } from "./instance-sessions";
import type { OpsContext } from "./ops-context";

export interface WindowOutcome<T> {
  value?: T;
  /** The action's (or the stop's) failure; undefined on success. */
  error?: unknown;
  failed: boolean;
  statusBefore: string;
  statusAfter: string;
  stoppedByUs: boolean;
  restoreError?: string;
  /** Request ids of the StopInstance / StartInstance calls of this window, in order. */
  powerRequestIds: { stop?: string; start?: string };
  /** What the intent record showed or did, for the user (warnings). */
  notes: string[];
}

/** What the action learns about its window: a resumed run's record, and a way to record progress. */
export type WindowAccess = Pick<Participation, "resumed" | "progress">;

/**
 * Throws only when nothing was touched (instance not found, refused by fail-if-running);
 * every other failure comes back in the outcome, after the power state was settled.
 */
export async function runInStoppedWindow<T>(ctx: OpsContext, req: PowerRequest, act: (window: WindowAccess) => Promise<T>): Promise<WindowOutcome<T>> {
  const participation = await joinSession(ctx, req);
  if (req.policy === "fail-if-running" && participation.statusBefore === "Running") {
    await participation.leave(false);
    throw new RefusedError(
      `Instance ${req.instanceId} is Running and powerPolicy is "fail-if-running": nothing was changed. ` +
        `Stop the instance first, or choose powerPolicy "restore", "start" or "leave-stopped" to let the resource stop it.`,
    );
  }
  let value: T | undefined;
  let error: unknown;
  let failed = false;
  try {
    // A resumed run whose record says its work was done (it died while restoring power) does
    // not stop the instance again: the action only confirms what was done.
    if (participation.resumed?.state !== "done") await participation.ensureStopped();
    value = await act({ resumed: participation.resumed, progress: participation.progress });
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
    powerRequestIds: { stop: participation.stopRequestId(), start: closed.startRequestId },
    notes: closed.notes,
  };
}
