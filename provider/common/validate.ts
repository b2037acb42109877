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
import { OWNER_INPUT } from "./input-defaults";

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
const ENGINE_KEYS = ["__provider", "plan", OWNER_INPUT];

/** A misspelt input would otherwise be ignored without a word (e.g. `sytemDiskSize`). */
export function unknownInputs(news: Record<string, unknown>, inputKeys: readonly string[]): CheckFailure[] {
  const owner = news[OWNER_INPUT];
  const badOwner =
    owner !== undefined && !(typeof owner === "string" && /^[0-9a-f]{12}$/.test(owner))
      ? [failure(OWNER_INPUT, "is set by the resource class (the stack's id for the intent record) and must be 12 lowercase hex characters; do not set it yourself")]
      : [];
  return badOwner.concat(Object.keys(news)
    .filter((key) => news[key] !== undefined && !inputKeys.includes(key) && !ENGINE_KEYS.includes(key))
    .map((key) => failure(key, `unknown input: allowed are ${inputKeys.join(", ")}`)));
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
