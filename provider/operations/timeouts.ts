// Step time limits. `timeouts` inputs are seconds or strings such as "90s", "10m", "1h"
// (customTimeouts never reach a dynamic provider, so they are inputs).
import type { Duration } from "./types";
import { now as clockNow } from "../ecs/process-scope";

export type StepName = "stop" | "restore" | "replace" | "start" | "snapshot";

/**
 * Defaults in seconds: stop 5m, restore 20m, replace 30m, start 5m, snapshot 1h (a first,
 * full snapshot of a large disk takes long; later ones are incremental).
 */
export const DEFAULT_TIMEOUTS: Record<StepName, number> = { stop: 300, restore: 1200, replace: 1800, start: 300, snapshot: 3600 };

/** Seconds for a Duration; undefined when it cannot be read (check reports that earlier). */
export function durationSeconds(value: Duration | undefined): number | undefined {
  if (value === undefined || value === null) return undefined;
  const seconds = parseDurationSeconds(value);
  return seconds !== undefined && seconds > 0 ? seconds : undefined;
}

/** Milliseconds allowed for a step, from the resource's `timeouts` input or the default. */
export function stepTimeoutMs(timeouts: Partial<Record<StepName, Duration>> | undefined, step: StepName): number {
  const seconds = durationSeconds(timeouts?.[step]) ?? DEFAULT_TIMEOUTS[step];
  return Math.round(seconds * 1000);
}

/** An absolute deadline for a step that starts now. */
export function deadlineFor(timeoutMs: number): number {
  return clockNow() + timeoutMs;
}

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * Seconds from a duration: a number of seconds (90), a numeric string ("90"), or units
 * ("90s", "10m", "1h", "1h30m"). Undefined when it cannot be read; the caller judges the sign.
 */
export function parseDurationSeconds(value: unknown): number | undefined {
  let seconds: number | undefined;
  if (typeof value === "number") {
    seconds = value;
  } else if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (/^\d+(\.\d+)?$/.test(text)) {
      seconds = Number(text);
    } else if (/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(text)) {
      seconds = 0;
      for (const m of text.matchAll(DURATION_PART)) seconds += Number(m[1]) * UNIT_SECONDS[m[2]];
    }
  }
  return seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined;
}
