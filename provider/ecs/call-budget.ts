// One budget of calls per region and action for the whole provider process, shared by every
// resource: calls are paced at a rate that adapts to ECS flow control (additive increase on
// success, multiplicative decrease on throttling), and a throttled answer pauses EVERY caller of
// that action until the server's x-acs-retry-after has passed, instead of each caller backing off
// on its own and the others walking into the same wall. retry.ts sends a throttled call again once
// the pause is over, so a throttle becomes a wait, not an error.
import { sleep } from "./backoff";
import { toEcsError } from "./errors";
import { now as clockNow } from "./process-scope";

export interface BudgetShape {
  /** Calls per second to start at (a burst is fine until ECS says otherwise). */
  initialRate: number;
  minRate: number;
  maxRate: number;
  /** Added to the rate per second of successful calls (additive increase). */
  increasePerSecond: number;
  /** The rate is multiplied by this on throttling, at most once per `decreaseEveryMs` (one congestion event). */
  decreaseFactor: number;
  decreaseEveryMs: number;
  /** Pause when a throttled answer carries no retry-after; doubles per consecutive throttle up to maxPauseMs. */
  defaultPauseMs: number;
  maxPauseMs: number;
}

export const DEFAULT_BUDGET: Readonly<BudgetShape> = {
  initialRate: 1000,
  minRate: 0.2,
  maxRate: 1000,
  increasePerSecond: 1,
  decreaseFactor: 0.5,
  decreaseEveryMs: 1000,
  defaultPauseMs: 1000,
  maxPauseMs: 30000,
};

/** The pacing state of one region + action. Pure bookkeeping over an injected clock. */
export class ActionBudget {
  rate: number;
  private nextAt = 0;
  private pausedUntil = 0;
  private lastDecreaseAt = -Infinity;
  private consecutiveThrottles = 0;

  constructor(
    private readonly shape: BudgetShape = DEFAULT_BUDGET,
    private readonly now: () => number = clockNow,
  ) {
    this.rate = shape.initialRate;
  }

  /** Takes the next slot: how long (ms) to wait before sending. */
  reserve(): number {
    const t = this.now();
    const at = Math.max(t, this.nextAt, this.pausedUntil);
    this.nextAt = at + 1000 / this.rate;
    return at - t;
  }

  /** True while a throttle's pause is on (a caller that reserved before it must wait again). */
  paused(): boolean {
    return this.pauseRemainingMs() > 0;
  }

  pauseRemainingMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  succeeded(): void {
    this.consecutiveThrottles = 0;
    // +increasePerSecond per second of calls at the current rate.
    this.rate = Math.min(this.shape.maxRate, this.rate + this.shape.increasePerSecond / this.rate);
  }

  /**
   * A throttled answer: pause everyone for retry-after (or a doubling default). The rate is cut
   * (once per event) when the server gave no hint, or when it throttles again right after a pause
   * it asked for: a sliding-window limit frees its slots at the pace they were taken, so after a
   * pause that the server timed, the pace that filled the window is the pace it can take again.
   */
  throttled(retryAfterMs?: number): void {
    const t = this.now();
    const fallback = Math.min(this.shape.maxPauseMs, this.shape.defaultPauseMs * 2 ** this.consecutiveThrottles);
    // Throttled again, with no success since, after the pause the last throttle asked for was over.
    const repeated = this.consecutiveThrottles > 0 && t >= this.pausedUntil;
    this.consecutiveThrottles++;
    this.pausedUntil = Math.max(this.pausedUntil, t + (retryAfterMs ?? fallback));
    this.nextAt = Math.max(this.nextAt, this.pausedUntil);
    const slowDown = retryAfterMs === undefined || repeated;
    if (slowDown && t - this.lastDecreaseAt >= this.shape.decreaseEveryMs) {
      this.rate = Math.max(this.shape.minRate, this.rate * this.shape.decreaseFactor);
      this.lastDecreaseAt = t;
    }
  }
}

export interface BudgetEvent {
  regionId: string;
  action: string;
  /** A throttled answer that was absorbed (the call is sent again after the pause). */
  kind: "throttled";
  retryAfterMs?: number;
}

export class CallBudgets {
  private readonly budgets = new Map<string, ActionBudget>();

  constructor(
    private readonly shape: BudgetShape = DEFAULT_BUDGET,
    private readonly onEvent?: (event: BudgetEvent) => void,
  ) {}

  budget(regionId: string | undefined, action: string): ActionBudget {
    const key = `${regionId ?? ""}/${action}`;
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new ActionBudget(this.shape);
      this.budgets.set(key, budget);
    }
    return budget;
  }

  /**
   * Sends `fn` within the budget of region + action: waits for a slot (and out any pause), and
   * turns a throttled answer into a pause for every caller of the action before rethrowing it
   * (retry.ts sends the call again, after the pause).
   */
  async run<T>(regionId: string | undefined, action: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const budget = this.budget(regionId, action);
    do {
      const wait = budget.reserve();
      if (wait > 0) await sleep(wait, signal, `waiting for the ${action} call budget`);
    } while (budget.paused());
    try {
      const result = await fn();
      budget.succeeded();
      return result;
    } catch (err) {
      const ecsError = toEcsError(err, action);
      if (ecsError.errorClass === "throttling") {
        budget.throttled(ecsError.retryAfterMs);
        this.onEvent?.({ regionId: regionId ?? "", action, kind: "throttled", retryAfterMs: ecsError.retryAfterMs });
      }
      throw err;
    }
  }
}
