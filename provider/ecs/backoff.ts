// Delay arithmetic and an abortable sleep, shared by retry.ts and waiter.ts.

export interface BackoffShape {
  minDelayMs: number;
  maxDelayMs: number;
  factor?: number;
}

/**
 * Delay before retry number `attempt` (1-based): a random value between min and an exponentially
 * growing ceiling capped at max (the smithy waiter formula), so concurrent callers spread out.
 */
export function backoffDelay(attempt: number, shape: BackoffShape, random: () => number = Math.random): number {
  const factor = shape.factor ?? 2;
  const min = Math.max(0, shape.minDelayMs);
  const max = Math.max(min, shape.maxDelayMs);
  const ceiling = Math.min(max, min * Math.pow(factor, Math.max(0, attempt - 1)));
  return Math.round(min + random() * (ceiling - min));
}

/** Error thrown when a signal aborts a sleep, retry loop or waiter. */
export class AbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AbortError";
  }
}

/** Resolves after `ms`, or rejects with AbortedError as soon as `signal` aborts (timer cleared). */
export function sleep(ms: number, signal?: AbortSignal, what = "sleep"): Promise<void> {
  if (signal?.aborted) return Promise.reject(new AbortedError(`Aborted ${what}`));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(`Aborted ${what}`));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** "300s", "1.5s", "40ms": durations as people read them in error messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  return Number.isInteger(seconds) ? `${seconds}s` : `${seconds.toFixed(1)}s`;
}
