// When to look next, tied to what is awaited. An operation with a typical duration E (stop ~10 s,
// reset ~20 s, replace ~40 s in ECS) is not looked at while it cannot be done yet: the first poll
// comes at EARLY_FRACTION x E, then polls follow at a short fixed cadence around E, and back off
// once the operation is overdue (a quarter of the time it is late, so it is seen at most ~25 %
// late), capped. Poll instants are put on a process-wide grid
// of `gridMs`, so waiters that are due at about the same time share one batched Describe call
// (describe-batcher.ts). Pure functions: the waiter and the tests drive them with any clock.

export interface PollSchedule {
  /** Typical duration of what is awaited (ms); undefined when nothing is known (e.g. "wait for a stable state"). */
  expectedMs?: number;
  /** The short cadence after the expected end, before polls back off (ms); also the grid step. */
  cadenceMs: number;
  /**
   * The cadence around the expected end, from EARLY_FRACTION to OVERDUE_FACTOR x E (ms; default
   * cadenceMs). Most operations end there, and a poll that just misses the end keeps the
   * instance stopped one more step: the waiter makes this denser while it serves a few waiters.
   */
  nearEndMs?: number;
  /** No single wait is longer than this (ms). */
  maxDelayMs: number;
}

/** First look at this fraction of the expected duration (durations vary; real ones by more than the emulator's jitter). */
export const EARLY_FRACTION = 0.8;
/** Past this multiple of the expected duration the operation is overdue: polls back off. */
export const OVERDUE_FACTOR = 1.2;
/** Overdue, the next poll waits this fraction of the time the operation is late (at least the cadence). */
export const BACKOFF_FRACTION = 0.25;
/** The waiter polls around the expected end at this fraction of its cadence (and on a grid as fine). */
export const NEAR_END_FRACTION = 0.5;

/**
 * Delay (ms) from now until the next poll, `elapsedMs` after the awaited operation began.
 * Sparse early, dense around the expected end, then backing off with the time the operation is
 * late (capped); with nothing expected, the cadence relaxing to elapsed/20.
 */
export function nextPollDelay(elapsedMs: number, s: PollSchedule): number {
  const cadence = Math.max(1, s.cadenceMs);
  const cap = Math.max(cadence, s.maxDelayMs);
  let delay: number;
  if (s.expectedMs === undefined || s.expectedMs <= 0) {
    delay = Math.max(cadence, elapsedMs / 20);
  } else if (elapsedMs < EARLY_FRACTION * s.expectedMs) {
    delay = EARLY_FRACTION * s.expectedMs - elapsedMs;
  } else if (elapsedMs < OVERDUE_FACTOR * s.expectedMs) {
    delay = Math.max(1, s.nearEndMs ?? cadence);
  } else {
    delay = Math.max(cadence, BACKOFF_FRACTION * (elapsedMs - s.expectedMs));
  }
  return Math.min(cap, Math.max(0, delay));
}

/**
 * The instant (ms since epoch) to poll at for a wish to poll at `wantedAt`: the nearest multiple of
 * `gridMs`, never before `now` (then the next grid point). Waiters on the same grid meet in one
 * batch; rounding to the nearest (not the next) point costs nothing on average.
 */
export function alignToGrid(wantedAt: number, now: number, gridMs: number): number {
  if (gridMs <= 1) return Math.max(wantedAt, now);
  const nearest = Math.round(wantedAt / gridMs) * gridMs;
  if (nearest >= now) return nearest;
  return Math.ceil(now / gridMs) * gridMs;
}

/**
 * Typical durations of ECS operations at time scale 1 (ms), what waiters expect. They are
 * typical values, not promises: the schedule looks early and keeps looking after them.
 */
export const EXPECTED_MS = {
  stop: 10_000,
  start: 10_000,
  reset: 20_000,
  replace: 40_000,
} as const;

export type ExpectedOperation = keyof typeof EXPECTED_MS;
