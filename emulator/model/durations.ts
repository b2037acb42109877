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
