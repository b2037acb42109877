// Waiting on ECS state through the ECS layer's waiter (polls scheduled by what is awaited, transient
// errors polled through), bounded by a step's deadline. A timeout names the step, what it waited for and
// the last state it saw. Each observation is reported as progress (shown by `pulumi up`).
import { withDeadline } from "../ecs/deadline";
import type { ExpectedOperation } from "../ecs/poll-schedule";
import { expectedDurationMs } from "../ecs/timing";
import { WaiterTimeoutError, waitUntil } from "../ecs/waiter";
import { StepTimeoutError } from "./errors";
import { progress } from "./progress";
import { now as clockNow } from "../ecs/process-scope";

export interface WaitSpec<T> {
  /** One observation (a batched Describe*). */
  read: () => Promise<T>;
  /** True when the wait is over. */
  done: (value: T) => boolean;
  /** The observation in words, for the timeout message. */
  describe: (value: T) => string;
  /** For the message: "instance i-x to be Stopped". */
  waitingFor: string;
  /** The `timeouts` key that limits this step. */
  step: string;
  /** The step's whole budget (for the message). */
  timeoutMs: number;
  /** Absolute time (ms since epoch) the step must end by. */
  deadline: number;
  /** What the progress line starts with, e.g. the instance id (default: none, `describe` names it). */
  subject?: string;
  /** What is awaited and when it began: polls follow its typical duration (ecs/poll-schedule.ts). */
  expect?: { operation: ExpectedOperation; startedAt: number };
}

export async function waitFor<T>(spec: WaitSpec<T>): Promise<T> {
  const startedAt = clockNow();
  const observe = async () => {
    const value = await withDeadline(spec.deadline, spec.read);
    const state = spec.describe(value);
    progress().report(spec.waitingFor, spec.subject ? `${spec.subject} ${state}` : state, startedAt);
    return value;
  };
  try {
    return await waitUntil({
      description: spec.waitingFor,
      poll: observe,
      acceptors: (value) => ({ state: spec.done(value) ? "success" : "retry" }),
      describe: spec.describe,
      timeoutMs: Math.max(0, spec.deadline - clockNow()),
      expectedMs: spec.expect && expectedDurationMs(spec.expect.operation),
      startedAt: spec.expect?.startedAt,
    });
  } catch (err) {
    if (err instanceof WaiterTimeoutError) {
      const last = err.lastState ?? (err.lastError instanceof Error ? `nothing (last poll failed: ${err.lastError.message})` : "nothing yet");
      throw new StepTimeoutError(spec.step, spec.waitingFor, last, spec.timeoutMs);
    }
    throw err;
  }
}
