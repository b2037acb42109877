// Safety snapshots: before a destructive call (ResetDisk overwrites a disk, ReplaceSystemDisk
// releases one), one CreateSnapshot per disk about to be lost, then a wait until every snapshot is
// finished (Status accomplished), so the user has an undo.
//
// Why accomplished and not `Available` (instant access): an Available snapshot can already be used,
// but ResetDisk and ReplaceSystemDisk refuse to run on a disk while any snapshot of it is still
// being created (IncorrectDiskStatus.HasUnfinishedSnapshot, DiskCreatingSnapshot). The destructive
// call has to wait for accomplished anyway.
//
// Crash safety without local state: a run has a key derived from its inputs (runKey). Every
// snapshot carries the tags below; a re-run first looks its run's snapshots up by tag and reuses
// them, finished or still progressing. CreateSnapshot carries a ClientToken derived from the run
// and the disk, so a retry after a lost answer gets the same snapshot, not a second one. When the
// run is recorded, its snapshots are re-tagged `diskops:state=recorded`: a later run with the very
// same inputs (a destroyed and re-created resource) then takes fresh ones instead of reusing
// snapshots of older data.
import { createHash } from "crypto";
import type { SnapshotInfo } from "../ecs/api";
import { canonicalJson } from "./client-token";
import { errorCode } from "./errors";
import type { OpsContext } from "./ops-context";
import type { StepLimit } from "./power";
import { waitFor } from "./wait";

/** The resource (its Pulumi id) that took the snapshot. */
export const TAG_RESOURCE = "diskops:resource";
/** The run that took it: the same for a re-run after a crash, new for every deliberate run. */
export const TAG_RUN = "diskops:run";
/** taken (a run is using it) | recorded (its run finished and recorded it; never reused). */
export const TAG_STATE = "diskops:state";
/** Which operation it guards: DiskRestore | SystemDiskReplacement. */
export const TAG_KIND = "diskops:kind";
export const STATE_TAKEN = "taken";
export const STATE_RECORDED = "recorded";

const TOKEN_PREFIX = "diskops-snap-";
/** ECS: ClientToken ASCII, at most 64 characters. */
const TOKEN_MAX = 64;

export interface SafetySnapshotSettings {
  /** SnapshotName for every snapshot (ECS rules: 2-128 characters, a letter first, not auto/http(s)://). */
  name?: string;
  /** ECS releases the snapshots after this many days (1-65536); unset: kept until deleted. */
  retentionDays?: number;
}

export interface SafetySnapshot {
  diskId: string;
  snapshotId: string;
}

export interface SafetySnapshotRequest {
  regionId: string;
  /** The disks about to be overwritten or released. */
  diskIds: string[];
  /** DiskRestore | SystemDiskReplacement, and the destructive call, for the description. */
  kind: string;
  destructiveAction: string;
  /** The Pulumi id of the resource (tag diskops:resource). */
  resourceId: string;
  /** Stable for one run (safetySnapshotRunKey). */
  runKey: string;
  settings: SafetySnapshotSettings;
  limit: StepLimit;
  /**
   * SystemDiskReplacement: an interrupted run may already have replaced the disk it snapshotted;
   * that run's snapshot of the old disk is then the one to keep, whatever disk is attached now.
   */
  reuseOtherDisk?: boolean;
  /**
   * Disks whose earlier (finished) snapshots of this run are not reused: a resumed run knows the
   * interrupted attempt never touched them, and the data written since belongs in the snapshot.
   */
  retake?: string[];
}

export interface SafetySnapshotOutcome {
  snapshots: SafetySnapshot[];
  /** CreateSnapshot request ids (none for reused snapshots). */
  requestIds: string[];
  /** Snapshot ids found from an earlier attempt of this run and reused. */
  reused: string[];
}

/** Taking or finishing a safety snapshot failed: nothing destructive has run. */
export class SafetySnapshotError extends Error {
  constructor(
    message: string,
    readonly taken: SafetySnapshot[],
  ) {
    super(message);
    this.name = "SafetySnapshotError";
  }
}

/** The run key: what the run does and what it starts from (as replacementClientToken's basis). */
export function safetySnapshotRunKey(material: Record<string, unknown>): string {
  return sha256(canonicalJson({ v: 1, ...material })).slice(0, 32);
}

/** ClientToken for one disk of a run; `passed` are this run's earlier snapshots of the disk not reused. */
export function snapshotClientToken(runKey: string, diskId: string, passed: string[] = []): string {
  const material = canonicalJson({ v: 1, runKey, diskId, passed: [...passed].sort() });
  return (TOKEN_PREFIX + sha256(material)).slice(0, TOKEN_MAX);
}

export async function takeSafetySnapshots(ctx: OpsContext, req: SafetySnapshotRequest): Promise<SafetySnapshotOutcome> {
  const outcome: SafetySnapshotOutcome = { snapshots: [], requestIds: [], reused: [] };
  const earlier = await runSnapshots(ctx, req);
  for (const diskId of req.diskIds) {
    const reusable = pickReusable(retakeable(earlier, diskId, req.retake), diskId, req.reuseOtherDisk === true);
    if (reusable) {
      outcome.snapshots.push({ diskId: reusable.sourceDiskId || diskId, snapshotId: reusable.snapshotId });
      outcome.reused.push(reusable.snapshotId);
      continue;
    }
    try {
      const passed = earlier.filter((s) => s.sourceDiskId === diskId).map((s) => s.snapshotId);
      const created = await createOne(ctx, req, diskId, passed);
      outcome.snapshots.push({ diskId, snapshotId: created.snapshotId });
      if (created.requestId) outcome.requestIds.push(created.requestId);
    } catch (err) {
      throw wrap(err, `CreateSnapshot of disk ${diskId} failed`, outcome.snapshots);
    }
  }
  await waitAccomplished(ctx, req, outcome.snapshots);
  return outcome;
}

/**
 * After the run is recorded: its snapshots are no longer candidates for reuse (a later run with the
 * same inputs takes fresh ones), and they name the resource that recorded them.
 */
export async function markSnapshotsRecorded(ctx: OpsContext, regionId: string, resourceId: string, snapshots: SafetySnapshot[]): Promise<void> {
  for (const id of new Set(snapshots.map((s) => s.snapshotId))) {
    await ctx.api.tagResources(regionId, "snapshot", id, { [TAG_STATE]: STATE_RECORDED, [TAG_RESOURCE]: resourceId });
  }
}

/** This run's snapshots that still exist (one DescribeSnapshots by the run tag). */
async function runSnapshots(ctx: OpsContext, req: SafetySnapshotRequest): Promise<SnapshotInfo[]> {
  return ctx.api.findSnapshots(req.regionId, { tags: { [TAG_RUN]: req.runKey } });
}

/**
 * The run's snapshots minus the finished ones of a disk to retake. One still in progress is kept:
 * ECS takes one snapshot of a disk at a time, so it is reused rather than refused.
 */
function retakeable(found: SnapshotInfo[], diskId: string, retake: string[] | undefined): SnapshotInfo[] {
  if (!retake?.includes(diskId)) return found;
  return found.filter((s) => s.sourceDiskId !== diskId || s.status === "progressing");
}

function pickReusable(found: SnapshotInfo[], diskId: string, otherDisk: boolean): SnapshotInfo | undefined {
  const usable = found.filter((s) => s.status !== "failed" && s.tags?.[TAG_STATE] !== STATE_RECORDED);
  const newest = (list: SnapshotInfo[]) => [...list].sort((a, b) => String(b.creationTime).localeCompare(String(a.creationTime)))[0];
  return newest(usable.filter((s) => s.sourceDiskId === diskId)) ?? (otherDisk ? newest(usable) : undefined);
}

async function createOne(
  ctx: OpsContext,
  req: SafetySnapshotRequest,
  diskId: string,
  passed: string[],
): Promise<{ snapshotId: string; requestId?: string }> {
  const params = {
    diskId,
    snapshotName: req.settings.name,
    // Deterministic (no time, no resource id): a retried request must equal the first one.
    description: `Safety snapshot by pulumi-alicloud-diskops (${req.kind}) before ${req.destructiveAction} of ${diskId}`,
    retentionDays: req.settings.retentionDays,
    clientToken: snapshotClientToken(req.runKey, diskId, passed),
    tags: { [TAG_RUN]: req.runKey, [TAG_STATE]: STATE_TAKEN, [TAG_KIND]: req.kind, [TAG_RESOURCE]: req.resourceId },
  };
  try {
    const res = await ctx.api.createSnapshot(params);
    return { snapshotId: res.snapshotId, requestId: res.requestId };
  } catch (err) {
    // The token was used by an earlier attempt of this run with other parameters (another
    // resource id after a crash): that attempt's snapshot is this run's, once ECS lists it.
    if (errorCode(err) !== "IdempotentParameterMismatch") throw err;
    const again = pickReusable(await runSnapshots(ctx, req), diskId, false);
    if (!again) throw err;
    return { snapshotId: again.snapshotId };
  }
}

async function waitAccomplished(ctx: OpsContext, req: SafetySnapshotRequest, snapshots: SafetySnapshot[]): Promise<void> {
  const ids = snapshots.map((s) => s.snapshotId);
  if (ids.length === 0) return;
  let seen: Map<string, SnapshotInfo>;
  try {
    seen = await waitFor({
      read: async () => new Map((await ctx.api.describeSnapshots(req.regionId, ids)).map((s) => [s.snapshotId, s])),
      // Done when every snapshot is accomplished, or one can never be (failed, gone).
      done: (found) => ids.every((id) => found.get(id)?.status === "accomplished") || ids.some((id) => !found.has(id) || found.get(id)?.status === "failed"),
      describe: (found) => ids.map((id) => `${id} ${snapshotState(found.get(id))}`).join(", "),
      waitingFor: `safety snapshot(s) ${ids.join(", ")} to be accomplished`,
      ...req.limit,
    });
  } catch (err) {
    throw wrap(err, "waiting for the safety snapshots failed", snapshots);
  }
  const broken = ids.filter((id) => seen.get(id)?.status !== "accomplished");
  if (broken.length) {
    throw new SafetySnapshotError(
      `safety snapshot(s) ${broken.map((id) => `${id} ${snapshotState(seen.get(id))}`).join(", ")}: no undo would exist, so nothing was overwritten. ` +
        `Check the disk in the console (DescribeSnapshots) and run again; a failed snapshot is not reused.`,
      snapshots,
    );
  }
}

function snapshotState(s: SnapshotInfo | undefined): string {
  if (!s) return "not found (deleted?)";
  return s.status === "progressing" && s.progress ? `progressing ${s.progress}` : s.status;
}

function wrap(err: unknown, what: string, taken: SafetySnapshot[]): SafetySnapshotError {
  if (err instanceof SafetySnapshotError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const e = new SafetySnapshotError(`${what}: ${message.replace(/\.?\s*$/, ".")} Nothing was overwritten.`, taken);
  (e as { cause?: unknown }).cause = err;
  return e;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
