// Errors the operations raise, and the error the resource logic hands to the Pulumi engine.
//
// The dynamic-provider plugin (cmd/dynamic-provider/index.js, grpcResponseFromError) turns an
// error thrown by create/update that has a truthy `id` into ErrorResourceInitFailed carrying
// `properties` and `reasons`: the engine records that partial state (it does NOT add
// `__provider` to it, so the logic copies `__provider` in) and the next `up` runs update.

import { formatDuration } from "../ecs/backoff";

/** Codes that mean "something else is still in flight": wait for a stable state and retry. */
const TRANSIENT_CONFLICT_CODES = new Set([
  "Operation.Conflict",
  "InvalidOperation.DiskResetInProgress",
  "IncorrectInstanceStatus",
  "IncorrectDiskStatus",
  "InvalidSystemDiskStatus.IsTransfering",
  "LastTokenProcessing",
]);

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

export function isTransientConflictCode(err: unknown): boolean {
  const code = errorCode(err);
  return code !== undefined && TRANSIENT_CONFLICT_CODES.has(code);
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A wait ran out of time. Says what it waited for and the last state it saw. */
export class StepTimeoutError extends Error {
  constructor(
    readonly step: string,
    readonly waitingFor: string,
    readonly lastState: string,
    readonly timeoutMs: number,
  ) {
    super(`Timed out after ${formatDuration(timeoutMs)} (${step} timeout) waiting for ${waitingFor}; last state seen: ${lastState}. ` +
      `Raise timeouts.${step} if the operation is just slow.`);
    this.name = "StepTimeoutError";
  }
}

/** The instance is Running and the policy forbids stopping it. Nothing was touched. */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedError";
  }
}

/** What happened to the instance's power state, in words, for the end of an error message. */
export interface PowerOutcome {
  instanceId?: string;
  statusBefore?: string;
  statusAfter?: string;
  /** True when this run (or its session) stopped the instance. */
  stoppedByUs: boolean;
  /** The power restore's own failure, when there was one. */
  restoreError?: string;
}

/** The text as a sentence: ends with exactly one full stop. */
export function sentence(text: string): string {
  return text.replace(/\.?\s*$/, ".");
}

export function describePowerOutcome(p: PowerOutcome): string {
  if (!p.instanceId) return "";
  if (p.restoreError) {
    const what = p.stoppedByUs
      ? `was stopped for the operation (it was ${p.statusBefore} before) and restoring its power state failed`
      : `was ${p.statusBefore} before and starting it failed`;
    return ` The instance ${p.instanceId} ${what}: ${sentence(p.restoreError)} It is left ${p.statusAfter ?? "in an unknown state"}. ` +
      `Start it yourself (StartInstance or the console) if it should run.`;
  }
  if (!p.stoppedByUs) {
    // Not touched by us; still worth saying when it is not running (e.g. powerPolicy "start" after a failure).
    return p.statusAfter && p.statusAfter !== "Running" && p.statusAfter === p.statusBefore
      ? ` The instance ${p.instanceId} was left ${p.statusAfter} (it was ${p.statusBefore} before).`
      : "";
  }
  if (p.statusAfter === "Running") return ` The instance ${p.instanceId} was started again (it was ${p.statusBefore} before).`;
  return ` The instance ${p.instanceId} was left ${p.statusAfter} (it was ${p.statusBefore} before).`;
}

/**
 * The error create/update throw after the cloud was (or may have been) touched: the engine
 * records `properties` as the resource's partial state so the next `up` can finish the job.
 */
export class OperationError extends Error {
  readonly reasons: string[];
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    reasons?: string[],
  ) {
    super(message);
    this.name = "OperationError";
    this.reasons = reasons ?? [message];
  }
}
