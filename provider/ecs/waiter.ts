// Waiters in the style of the AWS SDK v3 (smithy): poll, judge the state with acceptors, stop at a
// deadline or on abort. When to poll follows poll-schedule.ts: tied to the awaited operation's
// expected duration, on a process-wide grid so concurrent waiters share batched Describe calls.
import { AbortedError, formatDuration, sleep } from "./backoff";
import { isTransient } from "./errors";
import { alignToGrid, NEAR_END_FRACTION, nextPollDelay } from "./poll-schedule";
import { pollTiming } from "./timing";
import { now as clockNow, processLocal } from "./process-scope";

/**
 * Waiters of this process at most this many: they poll around the expected end at NEAR_END_FRACTION
 * of the cadence, on a grid as fine. A fleet's operations end spread over their jitter, so a denser
 * cadence would poll that whole spread for everyone (about 0.8 more Describe calls per resource at
 * N=100 in bench/fleet.ts) while each instance gains a quarter of a cadence on average.
 */
export const FEW_WAITERS = 10;

/** Waiters polling in this process now (a fleet's waiters share polls; see FEW_WAITERS). */
function activeWaiters(): { count: number } {
  return processLocal("waiter.active", () => ({ count: 0 }));
}

export type AcceptorState = "success" | "failure" | "retry";

export interface AcceptorResult {
  state: AcceptorState;
  reason?: string;
}

export interface WaiterOptions<T> {
  /** What we wait for, read as "waiting for <description>", e.g. "instance i-1 to be Stopped". */
  description: string;
  poll: () => Promise<T>;
  acceptors: (state: T) => AcceptorResult;
  /** Short text of a state for messages, e.g. the status. */
  describe: (state: T) => string;
  /** Cadence near/after the expected end and grid step; cap of one wait. Defaults from timing.ts (DISKOPS_POLL_MIN_MS / DISKOPS_POLL_MAX_MS). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Typical duration (ms) of the operation awaited, which began at `startedAt` (default: now).
   * When given, the first poll waits for the schedule (the operation cannot be done at once);
   * without it the first poll is immediate and later ones follow the cadence.
   */
  expectedMs?: number;
  startedAt?: number;
  /** Clock, for tests (default Date.now). */
  now?: () => number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Observer for progress logs: called after each poll. */
  onPoll?: (event: { attempt: number; state?: string; error?: unknown }) => void;
}

export class WaiterTimeoutError extends Error {
  constructor(
    readonly description: string,
    readonly timeoutMs: number,
    readonly lastState: string | undefined,
    readonly lastError?: unknown,
  ) {
    super(`Timed out after ${formatDuration(timeoutMs)} waiting for ${description}; last seen: ${seen(lastState, lastError)}`);
    this.name = "WaiterTimeoutError";
  }
}

export class WaiterFailureError extends Error {
  constructor(
    readonly description: string,
    readonly reason: string,
    readonly lastState: string,
  ) {
    super(`Stopped waiting for ${description}: ${reason} (state: ${lastState})`);
    this.name = "WaiterFailureError";
  }
}

export class WaiterAbortedError extends AbortedError {
  constructor(
    readonly description: string,
    readonly lastState: string | undefined,
  ) {
    super(`Aborted waiting for ${description}; last seen: ${seen(lastState)}`);
  }
}

/** Poll until an acceptor says success (returns that state) or failure, the deadline or an abort. */
export async function waitUntil<T>(opts: WaiterOptions<T>): Promise<T> {
  const active = activeWaiters();
  active.count++;
  try {
    return await pollUntil(opts, active);
  } finally {
    active.count--;
  }
}

async function pollUntil<T>(opts: WaiterOptions<T>, active: { count: number }): Promise<T> {
  const timing = pollTiming({ minDelayMs: opts.minDelayMs, maxDelayMs: opts.maxDelayMs });
  const now = opts.now ?? clockNow;
  const startedAt = opts.startedAt ?? now();
  const deadline = now() + opts.timeoutMs;
  const denseMs = Math.max(1, Math.round(timing.minDelayMs * NEAR_END_FRACTION));
  let lastState: string | undefined;
  let lastError: unknown;
  /** Sleeps until the next scheduled poll (never past the deadline: one last poll happens right at it). */
  const pause = async (): Promise<void> => {
    const at = now();
    const remaining = deadline - at;
    const gridMs = active.count <= FEW_WAITERS ? denseMs : timing.minDelayMs;
    const schedule = { expectedMs: opts.expectedMs, cadenceMs: timing.minDelayMs, nearEndMs: gridMs, maxDelayMs: timing.maxDelayMs };
    const wanted = at + nextPollDelay(at - startedAt, schedule);
    const delay = Math.min(alignToGrid(wanted, at, gridMs) - at, remaining);
    try {
      await sleep(delay, opts.signal);
    } catch {
      throw new WaiterAbortedError(opts.description, lastState);
    }
  };

  if (opts.expectedMs !== undefined) await pause();
  for (let attempt = 1; ; attempt++) {
    if (opts.signal?.aborted) throw new WaiterAbortedError(opts.description, lastState);
    try {
      const state = await opts.poll();
      lastState = opts.describe(state);
      lastError = undefined;
      opts.onPoll?.({ attempt, state: lastState });
      const verdict = opts.acceptors(state);
      if (verdict.state === "success") return state;
      if (verdict.state === "failure") {
        throw new WaiterFailureError(opts.description, verdict.reason ?? "a failure state was reached", lastState);
      }
    } catch (err) {
      if (err instanceof WaiterFailureError || !isTransient(err)) throw err;
      lastError = err; // throttling, 5xx, network, conflict: just another "retry"
      opts.onPoll?.({ attempt, error: err });
    }

    if (deadline - now() <= 0) throw new WaiterTimeoutError(opts.description, opts.timeoutMs, lastState, lastError);
    await pause();
  }
}

function seen(state: string | undefined, error?: unknown): string {
  if (state !== undefined) return state;
  if (error instanceof Error) return `nothing yet (last poll failed: ${error.message})`;
  return "nothing yet";
}
