// Every ECS call goes through withRetry: throttling, 5xx and network failures are retried with
// exponential backoff + jitter (a throttle that names its x-acs-retry-after: after exactly that);
// everything else fails at once as an EcsError.
import { AbortedError, backoffDelay, sleep } from "./backoff";
import { currentDeadline } from "./deadline";
import { EcsError, toEcsError } from "./errors";
import { RetryPolicy, retryPolicy } from "./timing";
import { now as clockNow } from "./process-scope";

export type { RetryPolicy } from "./timing";

export interface AttemptEvent {
  action: string;
  attempt: number;
  ms: number;
  requestId?: string;
  code?: string;
}

export interface RetryHooks {
  /** Called after every attempt, successful or not (no parameters, so nothing secret). */
  onAttempt?: (event: AttemptEvent) => void;
  /** Pulls the request id out of a successful result for onAttempt. */
  requestIdOf?: (result: unknown) => string | undefined;
}

const RETRYABLE = new Set(["throttling", "server", "network"]);

/**
 * Run `fn` until it succeeds, a non-retryable error occurs, retries run out or the signal aborts.
 * Rejects with EcsError (or AbortedError when aborted).
 */
export async function withRetry<T>(
  action: string,
  fn: (attempt: number) => Promise<T>,
  policy: Partial<RetryPolicy> = {},
  hooks: RetryHooks = {},
): Promise<T> {
  // Required here, not at module top: keeps Pulumi's closure serializer away from it.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const pRetry = require("p-retry") as typeof import("p-retry");
  const full = retryPolicy(policy);
  const { signal } = full;

  return pRetry(
    async (attempt: number) => {
      if (signal?.aborted) throw new pRetry.AbortError(new AbortedError(`Aborted ECS ${action}`));
      const started = clockNow();
      try {
        const result = await fn(attempt);
        report(hooks, { action, attempt, ms: clockNow() - started, requestId: hooks.requestIdOf?.(result) });
        return result;
      } catch (err) {
        const ecsError = toEcsError(err, action);
        ecsError.attempts = attempt;
        report(hooks, { action, attempt, ms: clockNow() - started, requestId: ecsError.requestId, code: ecsError.code });
        if (!RETRYABLE.has(ecsError.errorClass)) throw new pRetry.AbortError(ecsError);
        throw ecsError;
      }
    },
    {
      retries: full.retries,
      // The delay is ours (onFailedAttempt), so it can honour retry-after and the abort signal;
      // p-retry's own timer is reduced to 1 ms.
      minTimeout: 1,
      maxTimeout: 1,
      factor: 1,
      randomize: false,
      onFailedAttempt: async (error) => {
        if (error.retriesLeft <= 0) return;
        const retryAfter = error instanceof EcsError ? error.retryAfterMs : undefined;
        // A throttle with retry-after: exactly that long (call-budget.ts paces everyone after it);
        // anything else: backoff, with retry-after as a floor.
        const throttledWithHint = error instanceof EcsError && error.errorClass === "throttling" && retryAfter !== undefined;
        const delay = throttledWithHint ? retryAfter : Math.max(retryAfter ?? 0, backoffDelay(error.attemptNumber, full));
        // No retry the step's deadline (deadline.ts) leaves no time for: fail with this error now.
        const deadline = currentDeadline();
        if (deadline !== undefined && clockNow() + delay >= deadline) throw error;
        await sleep(delay, signal, `retrying ECS ${action}`);
      },
    },
  );
}

/** A failing observer must not turn a successful call into a failed one. */
function report(hooks: RetryHooks, event: AttemptEvent): void {
  try {
    hooks.onAttempt?.(event);
  } catch {
    // ignored on purpose
  }
}
