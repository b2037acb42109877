// The `safetySnapshot` input both resources share: validation, its change-table rule, the preflight
// checks of CreateSnapshot's documented preconditions, the plan lines, and the apply-side glue
// around operations/safety-snapshot.ts.
import type { DiskInfo, InstanceInfo } from "../ecs/api";
import { errorMessage } from "../operations/errors";
import type { OpsContext } from "../operations/ops-context";
import {
  markSnapshotsRecorded,
  type SafetySnapshot,
  SafetySnapshotError,
  type SafetySnapshotOutcome,
  type SafetySnapshotRequest,
  TAG_RUN,
  takeSafetySnapshots,
} from "../operations/safety-snapshot";
import { deadlineFor, type StepName, stepTimeoutMs } from "../operations/timeouts";
import type { KeyRule } from "./changes";
import { ecs } from "./context";
import { ecsFailure } from "./preflight";
import { reportPreviewWarning } from "./preview-warnings";
import type { Duration, SafetySnapshotInput } from "./types";
import { CheckFailure, checkBoolean, compact, containsUnknown, describeType, failure, isGiven, isUnknown } from "./validation-rules";

export type { SafetySnapshotInput } from "./types";

export const SAFETY_SNAPSHOT_KEY = "safetySnapshot";
/** Output: the snapshots taken (finished) before the destructive call. */
export const SAFETY_SNAPSHOTS_KEY = "safetySnapshots";
/** Output: the run key, so a resumed run (after a recorded failure) finds its own snapshots. */
export const SAFETY_RUN_KEY = "safetySnapshotRun";

/** ECS CreateSnapshot RetentionDays. */
export const RETENTION_MIN = 1;
export const RETENTION_MAX = 65536;
/** ECS: a disk holds at most 256 manual snapshots. */
export const MAX_MANUAL_SNAPSHOTS = 256;
const ACTION = "CreateSnapshot";
const PROP = SAFETY_SNAPSHOT_KEY;

export function safetySnapshotEnabled(value: unknown): value is SafetySnapshotInput {
  return !!value && typeof value === "object" && (value as SafetySnapshotInput).enabled === true;
}

/** ECS snapshot names: 2-128 characters, a letter first; letters, digits, `:_.-`; not `auto…`, no URL. */
export function snapshotNameProblem(name: string): string | undefined {
  if (name.length < 2 || name.length > 128) return `has ${name.length} characters: an ECS snapshot name has 2 to 128`;
  if (/^https?:\/\//i.test(name)) return "must not start with http:// or https://";
  if (/^auto/i.test(name)) return 'must not start with "auto" (ECS reserves it for automatic snapshots)';
  if (!/^[A-Za-z\u4e00-\u9fa5]/.test(name)) return "must start with a letter";
  if (!/^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_.-]*$/.test(name)) return "may contain only letters, digits, colons (:), underscores (_), periods (.) and hyphens (-)";
  return undefined;
}

export function validateSafetySnapshot(value: unknown): CheckFailure[] {
  if (!isGiven(value) || isUnknown(value)) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    return [failure(PROP, `must be an object { enabled: boolean, retentionDays?: number, name?: string }, got ${describeType(value)}`)];
  }
  const v = value as Record<string, unknown>;
  const out: CheckFailure[] = [];
  for (const key of Object.keys(v)) {
    if (!["enabled", "retentionDays", "name"].includes(key) && v[key] !== undefined) {
      out.push(failure(`${PROP}.${key}`, "unknown property: safetySnapshot has enabled, retentionDays and name"));
    }
  }
  if (!isGiven(v.enabled)) out.push(failure(`${PROP}.enabled`, "is required: true takes a snapshot of each disk before it is overwritten, false turns that off"));
  else out.push(...compact([checkBoolean(v.enabled, `${PROP}.enabled`)]));
  const days = v.retentionDays;
  if (isGiven(days) && !isUnknown(days)) {
    if (typeof days !== "number" || !Number.isInteger(days) || days < RETENTION_MIN || days > RETENTION_MAX) {
      out.push(failure(`${PROP}.retentionDays`, `must be a whole number of days from ${RETENTION_MIN} to ${RETENTION_MAX} (ECS releases the snapshot after that; leave it out to keep the snapshot until you delete it), got ${describeType(days)}`));
    }
  }
  const name = v.name;
  if (isGiven(name) && !isUnknown(name)) {
    if (typeof name !== "string") out.push(failure(`${PROP}.name`, `must be a string (the ECS snapshot name), got ${describeType(name)}`));
    else {
      const problem = snapshotNameProblem(name);
      if (problem) out.push(failure(`${PROP}.name`, `${JSON.stringify(name)} ${problem}; or leave name out for the default`));
    }
  }
  return out;
}

/** Off (absent, null, enabled: false) reads as one value, so switching it off on paper is no change. */
function normalize(value: unknown): unknown {
  return safetySnapshotEnabled(value) ? value : undefined;
}

/**
 * The change-table rule. Turning snapshots on or off, or changing retention or name, changes how
 * the NEXT run guards its destructive call; the finished run's disks are already overwritten, so
 * there is nothing to snapshot now: the change is only recorded (settings).
 */
export const SAFETY_SNAPSHOT_RULE: KeyRule = {
  verdict: "settings",
  normalize,
  omittedMeans: "settings",
  why: "applies to the next run (a finished run's disks are already overwritten): recorded only, nothing is snapshotted now",
};

/**
 * Preflight of CreateSnapshot's documented preconditions for `disks` (and their instance):
 * the instance Running or Stopped, no snapshot of the disk still progressing (one of our own
 * runs is the apply's business: it reuses it), fewer than 256 manual snapshots on the disk.
 * A security lock is reported by the instance checks every resource runs.
 */
export async function safetySnapshotProblems(regionId: string, disks: DiskInfo[], instance: InstanceInfo | undefined): Promise<CheckFailure[]> {
  const out: CheckFailure[] = [];
  // Stopping, Starting, Pending: the apply waits for a stable state and stops the instance before
  // the snapshot (a re-run after a run killed mid-stop finds it Stopping): nothing to report.
  if (instance && !["Running", "Stopped", "Stopping", "Starting", "Pending"].includes(instance.status)) {
    out.push(ecsFailure(PROP, `instance ${instance.instanceId} is ${instance.status}: a snapshot needs it Running or Stopped; run again once it has settled`, "IncorrectInstanceStatus", ACTION));
  }
  const perDisk = await Promise.all(disks.map((d) => ecs().findSnapshots(regionId, { diskId: d.diskId })));
  disks.forEach((disk, i) => {
    const snaps = perDisk[i];
    const busy = snaps.filter((s) => s.status === "progressing" && !s.tags?.[TAG_RUN]);
    if (busy.length) {
      out.push(ecsFailure(PROP, `disk ${disk.diskId} has a snapshot still being created (${busy.map((s) => `${s.snapshotId} ${s.progress ?? ""}`.trim()).join(", ")}): ECS takes one snapshot of a disk at a time`, "IncorrectDiskStatus.CreatingSnapshot", ACTION));
    }
    const manual = snaps.filter((s) => s.snapshotType === undefined || s.snapshotType === "user").length;
    if (manual >= MAX_MANUAL_SNAPSHOTS) {
      out.push(ecsFailure(PROP, `disk ${disk.diskId} already has ${manual} manual snapshots, the most ECS allows`, "QuotaExceed.Snapshot", ACTION));
    }
  });
  return out;
}

/** Plan lines: the snapshots that will be taken before the destructive call. */
export function safetySnapshotPlan(value: unknown, diskLabels: string[], timeouts: Partial<Record<StepName, Duration>> | undefined): string[] {
  if (containsUnknown(value)) return [`take a safety snapshot of ${diskLabels.join(", ")} first if safetySnapshot turns out enabled (known at apply)`];
  if (!safetySnapshotEnabled(value)) return [];
  const keep = value.retentionDays ? `released by ECS after ${value.retentionDays} day(s)` : "kept until you delete it";
  const name = value.name ? `name ${JSON.stringify(value.name)}, ` : "";
  const wait = wholeUnits(stepTimeoutMs(timeouts, "snapshot"));
  return diskLabels.map(
    (disk) => `take a safety snapshot of ${disk} (CreateSnapshot, ${name}${keep}; billed) and wait until it is accomplished (timeouts.snapshot ${wait})`,
  );
}

/** "1h", "30m", "90s": a timeout as a user would write it. */
function wholeUnits(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

export interface GuardRequest extends Omit<SafetySnapshotRequest, "settings" | "limit"> {
  timeouts?: Partial<Record<StepName, Duration>>;
  value: SafetySnapshotInput;
}

/** Takes the snapshots; records what it took in `sink` as it goes (also when it fails). */
export async function takeGuardSnapshots(ctx: OpsContext, req: GuardRequest, sink: { taken: SafetySnapshot[]; requestIds: string[] }): Promise<SafetySnapshotOutcome> {
  const timeoutMs = stepTimeoutMs(req.timeouts, "snapshot");
  const { value, timeouts: _t, ...rest } = req;
  try {
    const outcome = await takeSafetySnapshots(ctx, {
      ...rest,
      settings: { name: value.name, retentionDays: value.retentionDays },
      limit: { step: "snapshot", timeoutMs, deadline: deadlineFor(timeoutMs) },
    });
    sink.taken = outcome.snapshots;
    sink.requestIds = outcome.requestIds;
    return outcome;
  } catch (err) {
    if (err instanceof SafetySnapshotError) sink.taken = err.taken;
    throw err;
  }
}

/** After a recorded run: its snapshots are never reused by a later run with the same inputs. */
export async function recordGuardSnapshots(ctx: OpsContext, regionId: string, resourceId: string, snapshots: SafetySnapshot[]): Promise<void> {
  try {
    await markSnapshotsRecorded(ctx, regionId, resourceId, snapshots);
  } catch (err) {
    await reportPreviewWarning(
      `could not tag safety snapshot(s) ${snapshots.map((s) => s.snapshotId).join(", ")} as recorded (${errorMessage(err)}); ` +
        "they are in place, but a later run with identical inputs could reuse them instead of taking fresh ones: change triggers for that run",
    );
  }
}
