// Step time limits. `timeouts` inputs are seconds or strings such as "90s", "10m", "1h"
// (customTimeouts never reach a dynamic provider, so they are inputs).
import type { Duration } from "../logic/types";
import { isFailure, parseDuration } from "../logic/validation-rules";

export type StepName = "stop" | "restore" | "replace" | "start";

/** Defaults in seconds: stop 5m, restore 20m, replace 30m, start 5m. */
export const DEFAULT_TIMEOUTS: Record<StepName, number> = { stop: 300, restore: 1200, replace: 1800, start: 300 };

/** Seconds for a Duration; undefined when it cannot be read (check reports that earlier). */
export function durationSeconds(value: Duration | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = parseDuration(value, "timeouts");
  return isFailure(parsed) ? undefined : parsed;
}

/** Milliseconds allowed for a step, from the resource's `timeouts` input or the default. */
export function stepTimeoutMs(timeouts: Partial<Record<StepName, Duration>> | undefined, step: StepName): number {
  const seconds = durationSeconds(timeouts?.[step]) ?? DEFAULT_TIMEOUTS[step];
  return Math.round(seconds * 1000);
}

/** An absolute deadline for a step that starts now. */
export function deadlineFor(timeoutMs: number): number {
  return Date.now() + timeoutMs;
}
