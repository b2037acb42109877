// Pieces create/update of both resources share: power request, preflight gate, error text, ids.
import { randomBytes } from "crypto";
import { redact } from "../ecs/redact";
import { describePowerOutcome, errorMessage, type PowerOutcome, sentence } from "../operations/errors";
import type { IntentSpec, PowerRequest } from "../operations/window/sessions";
import { stepTimeoutMs } from "../operations/timeouts";
import { COMMON_DEFAULTS, OWNER_INPUT } from "./input-defaults";
import { reportPreviewWarning } from "./preview-warnings";
import type { Duration, PowerPolicy, StoppedMode } from "./types";

export interface PowerInputs {
  powerPolicy?: PowerPolicy;
  forceStop?: boolean;
  stoppedMode?: StoppedMode;
  timeouts?: { stop?: Duration; start?: Duration };
}

export function powerRequest(inputs: PowerInputs, regionId: string, instanceId: string, intent?: IntentSpec): PowerRequest {
  return {
    intent,
    regionId,
    instanceId,
    policy: inputs.powerPolicy ?? COMMON_DEFAULTS.powerPolicy,
    stop: { forceStop: inputs.forceStop ?? COMMON_DEFAULTS.forceStop, stoppedMode: inputs.stoppedMode },
    stopTimeoutMs: stepTimeoutMs(inputs.timeouts, "stop"),
    startTimeoutMs: stepTimeoutMs(inputs.timeouts, "start"),
  };
}

/** The intent record's notes (resumed run, expired records, tagging denied) as warnings: stderr + engine log. */
export async function reportNotes(kind: string, notes: string[]): Promise<void> {
  for (const note of notes) await reportPreviewWarning(`${kind}: ${note}`);
}

export interface CheckFailureLike {
  property: string;
  reason: string;
}

/** An error for failures found before anything was touched. */
export function preflightError(kind: string, failures: CheckFailureLike[]): Error {
  const lines = failures.map((f) => `  - ${f.property}: ${f.reason}`).join("\n");
  return new Error(`${kind}: preflight found ${failures.length} problem(s); nothing was changed:\n${lines}`);
}

/** "<kind> failed: <cause>. <what happened to power>" — secrets redacted. */
export function failureMessage(kind: string, cause: unknown, power: PowerOutcome, tail = ""): string {
  const text = `${kind} failed: ${sentence(errorMessage(cause))}${describePowerOutcome(power)}${tail}`;
  return redact(text);
}

/**
 * The owner id of the intent record: the stack's (set by the resource class), else — for callers
 * that send inputs of their own — an id of this operation's own (correct, but not shared with the
 * stack's other resources, so its record is written for this instance alone).
 */
export function ownerOf(inputs: object, fallback: string): string {
  const owner = (inputs as Record<string, unknown>)[OWNER_INPUT];
  return typeof owner === "string" && /^[0-9a-f]{12}$/.test(owner) ? owner : fallback;
}

export function newResourceId(prefix: string, target: string): string {
  return `${prefix}-${target}-${randomBytes(4).toString("hex")}`;
}

/**
 * create/update re-run preflight (unless preflight: false) before stopping anything: a problem
 * found here fails the run with nothing touched. At "apply" preflight reads (batched Describe*)
 * and sends no DryRun: the check just before proved the permissions. Returns what preflight learned (e.g. regionId).
 */
export async function runPreflight<I extends { preflight?: boolean }, F>(
  kind: string,
  inputs: I,
  preflight: (inputs: I, stage: "apply") => Promise<{ failures: CheckFailureLike[]; facts?: F }>,
): Promise<F | undefined> {
  if (inputs.preflight === false) return undefined;
  const result = await preflight(inputs, "apply");
  if (result.failures.length) throw preflightError(kind, result.failures);
  return result.facts;
}
