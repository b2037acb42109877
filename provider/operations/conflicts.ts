// Transient conflicts (Operation.Conflict, InvalidOperation.DiskResetInProgress,
// IncorrectInstanceStatus while a transition is in flight, ...) are not failures: something else
// is still moving. Wait for a stable state, then call again, bounded by the step's deadline.
// Everything else (and a conflict that persists while nothing is moving) fails at once.
import { backoffDelay, sleep } from "../ecs/backoff";
import { withDeadline } from "../ecs/deadline";
import { pollTiming } from "../ecs/timing";
import { isTransientConflictCode } from "./errors";
import { now as clockNow } from "../ecs/process-scope";

export interface ConflictRetryOptions {
  /** Absolute time the step must end by. */
  deadline: number;
  /**
   * Waits until whatever the call conflicted with has settled (bounded by the deadline) and
   * resolves true when something was actually in flight, false when everything was already stable.
   */
  settle: () => Promise<boolean>;
  /** How many times a conflict may repeat while nothing is in flight (ECS lagging its own state). */
  stableRetries?: number;
}

export async function callThroughConflicts<T>(call: () => Promise<T>, opts: ConflictRetryOptions): Promise<T> {
  let stableConflicts = 0;
  let attempt = 0;
  for (;;) {
    try {
      return await withDeadline(opts.deadline, call);
    } catch (err) {
      if (!isTransientConflictCode(err) || clockNow() >= opts.deadline) throw err;
      const wasMoving = await opts.settle();
      if (!wasMoving && ++stableConflicts > (opts.stableRetries ?? 3)) throw err;
      await sleep(Math.min(backoffDelay(++attempt, pollTiming()), Math.max(0, opts.deadline - clockNow())));
      if (clockNow() >= opts.deadline) throw err;
    }
  }
}

