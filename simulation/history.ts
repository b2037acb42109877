// What a run recorded: every attempt of every participant and every ECS call it made, in virtual
// time. The oracle (oracle/) judges the run from this and the cloud's final state; the trace
// (trace.ts) prints it.
import type { ParticipantPlan } from "./scenario";

export type CallFate =
  /** Answered as ECS answered. */
  | "ok"
  /** Carried out; the answer was lost on the way back (the SDK sees a network error). */
  | "lost"
  /** Answered Throttling.User with x-acs-retry-after, not carried out. */
  | "throttled"
  /** Answered 500/503, not carried out. */
  | "server-error"
  /** The process died before sending it. */
  | "crash-before"
  /** Carried out, then the process died before the answer came. */
  | "crash-after"
  /** Under way when its process died (never sent, or its answer never read). */
  | "orphaned";

export interface CallRecord {
  seq: number;
  /** True (cloud) time the call was sent. */
  at: number;
  attempt: AttemptRecord;
  action: string;
  query: Record<string, string>;
  fate: CallFate;
  /** ECS carried it out (whatever the caller learnt). */
  carriedOut: boolean;
  status?: number;
  code?: string;
  body?: Record<string, unknown>;
  /** A tag read that showed tags other than the current ones. */
  stale?: boolean;
}

export type AttemptOutcome = "success" | "failed" | "crashed";

export interface AttemptRecord {
  participant: ParticipantPlan;
  /** 0-based. */
  index: number;
  /** "P2#1": participant and attempt (1-based). */
  name: string;
  skewMs: number;
  /** What Pulumi sends: create (nothing recorded, or a pending create) or update (partial state recorded). */
  mode: "create" | "update";
  start: number;
  /** When it returned, failed, or died. */
  end?: number;
  outcome?: AttemptOutcome;
  error?: unknown;
  outputs?: Record<string, unknown>;
  calls: CallRecord[];
  notes: { at: number; text: string }[];
  dead: boolean;
}

export interface ChainRecord {
  participant: ParticipantPlan;
  attempts: AttemptRecord[];
  /** The outcome of its last attempt (undefined while running). */
  outcome?: "success" | "failed";
}

export const MUTATING_ACTIONS = new Set([
  "StopInstance",
  "StartInstance",
  "ResetDisk",
  "ResetDisks",
  "ReplaceSystemDisk",
  "TagResources",
  "UntagResources",
  "CreateSnapshot",
  "DeleteSnapshot",
]);

/** A call that may have changed the cloud: a mutating action, not a DryRun, that left the process. */
export function mayHaveMutated(call: CallRecord): boolean {
  return MUTATING_ACTIONS.has(call.action) && call.query.DryRun !== "true" && call.fate !== "crash-before" && call.fate !== "orphaned";
}

export function successful(call: CallRecord): boolean {
  return call.carriedOut && call.status !== undefined && call.status < 400;
}
