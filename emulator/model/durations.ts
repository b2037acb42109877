// Realistic durations (seconds at time scale 1). Every simulated delay is base * timeScale.
export const BASE_SECONDS = {
  stop: 10,
  forceStop: 3,
  start: 10,
  reset: 20,
  replace: 40,
  /** CreateSnapshot: progressing -> accomplished. */
  snapshot: 30,
  /** CreateSnapshot with InstantAccess: usable (Available) this long after creation. */
  snapshotInstantAccess: 5,
  /** CreateImage from a snapshot: Creating -> Available. */
  image: 60,
} as const;

export type DurationName = keyof typeof BASE_SECONDS;

/**
 * Turns simulated seconds into real milliseconds. Operations (stop, reset, ...) are scaled by the
 * time scale and, with jitter F > 0, multiplied by a random factor in [1-F, 1+F] (real ECS
 * durations vary; a poller must not win by landing on exact multiples). Spans that are not
 * operations (how long a ClientToken is remembered) are scaled but never jittered.
 */
export class DurationModel {
  constructor(
    readonly timeScale = 1,
    readonly jitter = 0,
    private readonly random: () => number = Math.random,
  ) {
    if (!(jitter >= 0 && jitter < 1)) throw new Error(`durationJitter (--duration-jitter) must be a number with 0 <= F < 1 (got ${jitter})`);
  }

  /** Real ms for an operation of `seconds` simulated seconds. */
  operationMs(seconds: number): number {
    const factor = this.jitter > 0 ? 1 - this.jitter + 2 * this.jitter * this.random() : 1;
    return seconds * factor * this.timeScale * 1000;
  }

  /** Real ms for a span of simulated time that is not an operation. */
  spanMs(seconds: number): number {
    return seconds * this.timeScale * 1000;
  }
}
