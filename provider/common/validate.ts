// Validation shared by both resources: region, power handling, preflight switch, timeouts.
import {
  CheckFailure,
  POWER_POLICIES,
  STOPPED_MODES,
  checkBoolean,
  checkId,
  checkOneOf,
  checkTimeouts,
  compact,
  failure,
  isGiven,
} from "./validation-rules";

export function validateCommonSettings(news: Record<string, unknown>, timeoutKeys: readonly string[]): CheckFailure[] {
  return compact([
    isGiven(news.regionId) ? checkId(news.regionId, "region", "regionId") : undefined,
    checkOneOf(news.powerPolicy, POWER_POLICIES, "powerPolicy"),
    checkBoolean(news.forceStop, "forceStop"),
    checkOneOf(news.stoppedMode, STOPPED_MODES, "stoppedMode"),
    checkBoolean(news.preflight, "preflight"),
    checkTimeouts(news.timeouts, timeoutKeys),
  ]);
}

/** Keys check accepts besides the resource's inputs: the engine's provider and check's own plan. */
const ENGINE_KEYS = ["__provider", "plan"];

/** A misspelt input would otherwise be ignored without a word (e.g. `sytemDiskSize`). */
export function unknownInputs(news: Record<string, unknown>, inputKeys: readonly string[]): CheckFailure[] {
  return Object.keys(news)
    .filter((key) => news[key] !== undefined && !inputKeys.includes(key) && !ENGINE_KEYS.includes(key))
    .map((key) => failure(key, `unknown input: allowed are ${inputKeys.join(", ")}`));
}

/** The inputs check hands back: the program's values minus what check computes itself. */
export function inputsFrom(news: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (key === "plan" || key === "__provider") continue;
    if (value === undefined) continue;
    out[key] = value;
  }
  return out;
}
