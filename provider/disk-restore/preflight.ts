// Preflight for DiskRestore: read-only questions to ECS that catch at preview what would fail at
// apply. Never stops, resets or starts anything. The preconditions come from Describe* reads shared
// with every other resource checked at the same time (describe-batcher.ts: one call per 100 ids);
// the permission to call ResetDisk/ResetDisks is proven with a DryRun at check only, once per
// region and action (permission-proofs.ts): a DryRun spends the real action's flow-control budget,
// and at apply, on a Running instance, it could only answer IncorrectInstanceStatus.
import type { DiskInfo, InstanceInfo, SnapshotInfo } from "../ecs/api";
import { batcher, ecs } from "../common/context";
import { noteProofDemand, proveOnce } from "../common/permission-proofs";
import { readReuseMs } from "../ecs/timing";
import { DISK_RESTORE_DEFAULTS } from "./types";
import {
  PreflightResult,
  ecsFailure,
  errorCode,
  errorFailure,
  instanceProblems,
  isRunningLike,
  isTransient,
  preflightError,
  regionFor,
  transientWarning,
} from "../common/preflight";
import type { PowerPolicy } from "../common/types";
import type { DiskRestoreInputs } from "./types";
import { CheckFailure, failure } from "../common/validation-rules";
import { safetySnapshotEnabled, safetySnapshotProblems } from "../common/safety-snapshot";

export interface DiskRestoreFacts {
  regionId: string;
  /** The instance the disks are attached to (none when every disk is unattached). */
  instanceId?: string;
  instanceStatus?: string;
  powerPolicy: PowerPolicy;
  strategy: "per-disk" | "batch";
  disks: { diskId: string; snapshotId: string; category?: string; sizeGiB?: number; snapshotTime?: string }[];
}

/** Categories whose disks cannot be rolled back (local disks). */
const LOCAL_CATEGORIES = ["ephemeral", "ephemeral_ssd", "local_ssd_pro", "local_hdd_pro", "local_disk"];
const RESETTABLE_STATUS = ["In_use", "Available"];
/** A rollback already in progress (e.g. of a run that was killed): the apply waits for it, so preview warns. */
const RESETTING = "ReIniting";
/** ResetDisk refuses snapshots taken before this day. */
const OLDEST_SNAPSHOT = Date.parse("2013-07-15T00:00:00Z");
const SNAPSHOT_CODES = ["InvalidSnapshotId.NotFound", "InvalidSnapshotId.NotReady", "InvalidParameter.Mismatch", "InvalidSnapshot.TooOld", "OperationDenied"];

function diskProblems(i: number, disk: DiskInfo, action: string): CheckFailure[] {
  const prop = `disks[${i}].diskId`;
  const out: CheckFailure[] = [];
  if (LOCAL_CATEGORIES.includes(disk.category)) {
    out.push(ecsFailure(prop, `disk ${disk.diskId} is a ${disk.category} disk, which cannot be reset to a snapshot`, "DiskCategory.OperationNotSupported", action));
  }
  if (disk.multiAttach === "Enabled") {
    out.push(ecsFailure(prop, `disk ${disk.diskId} has multi-attach enabled, which does not support ResetDisk`, "InvalidOperation.MultiAttachDisk", action));
  }
  if (!RESETTABLE_STATUS.includes(disk.status) && disk.status !== RESETTING) {
    out.push(ecsFailure(prop, `disk ${disk.diskId} is ${disk.status}: it must be In_use or Available`, "IncorrectDiskStatus", action));
  }
  return out;
}

function snapshotProblems(i: number, diskId: string, snapshotId: string, snap: SnapshotInfo | undefined, disk: DiskInfo | undefined, regionId: string, action: string): CheckFailure[] {
  const prop = `disks[${i}].snapshotId`;
  if (!snap) return [ecsFailure(prop, `snapshot ${snapshotId} does not exist in region ${regionId}`, "InvalidSnapshotId.NotFound", action)];
  const out: CheckFailure[] = [];
  if (snap.sourceDiskId && snap.sourceDiskId !== diskId) {
    out.push(ecsFailure(prop, `snapshot ${snapshotId} was not created from disk ${diskId} (it is a snapshot of ${snap.sourceDiskId})`, "InvalidParameter.Mismatch", action));
  }
  if (snap.status === "failed") {
    out.push(ecsFailure(prop, `snapshot ${snapshotId} failed and cannot be used`, "OperationDenied", action));
  } else if (snap.status !== "accomplished") {
    out.push(ecsFailure(prop, `snapshot ${snapshotId} is not finished (${snap.status}${snap.progress ? `, ${snap.progress}` : ""})`, "InvalidSnapshotId.NotReady", action));
  }
  if (snap.creationTime && Date.parse(snap.creationTime) < OLDEST_SNAPSHOT) {
    out.push(ecsFailure(prop, `snapshot ${snapshotId} was created on ${snap.creationTime.slice(0, 10)}, before 2013-07-15`, "InvalidSnapshot.TooOld", action));
  }
  if (snap.encrypted && disk && !disk.encrypted) {
    out.push(ecsFailure(prop, `snapshot ${snapshotId} is encrypted but disk ${diskId} is not`, "InvalidParameter.Mismatch", action));
  }
  return out;
}

/** Which instance the disks belong to; a failure when they are spread over several. */
function owningInstance(disks: DiskRestoreInputs["disks"], found: Map<string, DiskInfo>, explicit?: string): { instanceId?: string; failures: CheckFailure[] } {
  const byInstance = new Map<string, string[]>();
  for (const d of disks) {
    const info = found.get(d.diskId);
    if (info?.instanceId) byInstance.set(info.instanceId, [...(byInstance.get(info.instanceId) ?? []), d.diskId]);
  }
  const failures: CheckFailure[] = [];
  if (byInstance.size > 1) {
    const where = [...byInstance].map(([inst, ids]) => `${ids.join(", ")} on ${inst}`).join("; ");
    failures.push(failure("disks", `the disks are attached to different instances (${where}): one DiskRestore rolls back disks of one instance; split it into one resource per instance`));
  }
  if (explicit) {
    disks.forEach((d, i) => {
      const info = found.get(d.diskId);
      if (!info) return; // reported as not found
      if (!info.instanceId) {
        failures.push(failure(`disks[${i}].diskId`, `disk ${d.diskId} is not attached to any instance (${info.status}), not to instanceId ${explicit}: leave instanceId out for unattached disks, or fix the disk id`));
      } else if (info.instanceId !== explicit) {
        failures.push(failure(`disks[${i}].diskId`, `disk ${d.diskId} is attached to ${info.instanceId}, not to instanceId ${explicit}: fix instanceId or the disk id`));
      }
    });
  }
  const instanceId = explicit ?? (byInstance.size === 1 ? [...byInstance.keys()][0] : undefined);
  return { instanceId, failures };
}

/**
 * DryRun says the truth except IncorrectInstanceStatus for a running instance we will stop, and
 * (safety snapshots on) an unfinished snapshot: the apply waits for its own one, and a foreign one
 * is reported by the safety-snapshot checks under `safetySnapshot`.
 */
function dryRunExpected(code: string | undefined, instance: InstanceInfo | undefined, powerPolicy: PowerPolicy, safety: boolean): boolean {
  if (code === undefined || code === "DryRunOperation") return true;
  if (safety && code === "IncorrectDiskStatus.HasUnfinishedSnapshot") return true;
  return code === "IncorrectInstanceStatus" && !!instance && isRunningLike(instance.status) && powerPolicy !== "fail-if-running";
}

function dryRunProperty(i: number | undefined, code: string): string {
  if (i === undefined) return "disks";
  return SNAPSHOT_CODES.includes(code) ? `disks[${i}].snapshotId` : `disks[${i}].diskId`;
}

async function dryRun(
  inputs: DiskRestoreInputs,
  regionId: string,
  instance: InstanceInfo | undefined,
  powerPolicy: PowerPolicy,
  skip: Set<number>,
): Promise<{ failures: CheckFailure[]; transient?: unknown }> {
  const failures: CheckFailure[] = [];
  const judge = (err: unknown, i: number | undefined, action: string) => {
    const code = errorCode(err);
    if (dryRunExpected(code, instance, powerPolicy, safetySnapshotEnabled(inputs.safetySnapshot))) return;
    const what = i === undefined ? "ResetDisks DryRun refused the rollback" : `ResetDisk DryRun refused ${inputs.disks[i].diskId} -> ${inputs.disks[i].snapshotId}`;
    const detail = String((err as { detail?: string }).detail ?? code).replace(/\.+\s*$/, "");
    failures.push(errorFailure(dryRunProperty(i, code ?? ""), `${what}: ${detail}`, err, action));
  };
  const strategy = inputs.strategy ?? DISK_RESTORE_DEFAULTS.strategy;
  try {
    if (strategy === "batch") {
      const pairs = inputs.disks.filter((_, i) => !skip.has(i));
      if (pairs.length === 0) return { failures };
      try {
        const res = await ecs().resetDisks(regionId, pairs, { dryRun: true });
        for (const item of res.results ?? []) {
          if (item.status === "Success" || !item.errorCode) continue;
          const i = inputs.disks.findIndex((d) => d.diskId === item.diskId);
          judge({ code: item.errorCode, detail: item.errorMsg }, i < 0 ? undefined : i, "ResetDisks");
        }
      } catch (err) {
        if (isTransient(err)) return { failures, transient: err };
        judge(err, undefined, "ResetDisks");
      }
      return { failures };
    }
    // One disk is enough to prove the permission; Describe* reads cover every disk's preconditions.
    for (let i = 0; i < inputs.disks.length; i++) {
      if (skip.has(i)) continue;
      try {
        await ecs().resetDisk(inputs.disks[i].diskId, inputs.disks[i].snapshotId, { dryRun: true });
      } catch (err) {
        if (isTransient(err)) return { failures, transient: err };
        judge(err, i, "ResetDisk");
      }
      break;
    }
  } catch (err) {
    return { failures, transient: err };
  }
  return { failures };
}

/** A disk ResetDisk refuses while one of its snapshots is still being made (the region's progressing snapshots, one shared listing). */
function unfinishedSnapshotProblem(i: number, diskId: string, progressing: SnapshotInfo[], action: string): CheckFailure[] {
  const busy = progressing.find((s) => s.sourceDiskId === diskId);
  if (!busy) return [];
  return [
    ecsFailure(
      `disks[${i}].diskId`,
      `disk ${diskId} has a snapshot still being made (${busy.snapshotId}${busy.progress ? `, ${busy.progress}` : ""}): ResetDisk refuses it until that snapshot finishes`,
      "IncorrectDiskStatus.HasUnfinishedSnapshot",
      action,
    ),
  ];
}

/** Lookups through the process's shared batcher: one Describe* call serves many resources. */
async function readShared(regionId: string, inputs: DiskRestoreInputs, maxAgeMs: number) {
  const shared = batcher();
  const [disks, snapshots, progressing] = await Promise.all([
    Promise.all(inputs.disks.map((d) => shared.getDisk(regionId, d.diskId, maxAgeMs))),
    Promise.all(inputs.disks.map((d) => shared.getSnapshot(regionId, d.snapshotId, maxAgeMs))),
    shared.progressingSnapshots(regionId, maxAgeMs),
  ]);
  return {
    disks: disks.filter((d): d is DiskInfo => !!d),
    snapshots: snapshots.filter((s): s is SnapshotInfo => !!s),
    progressing,
  };
}

/**
 * `stage` "check" (preview, and check before an update) may prove the permission with a DryRun;
 * "apply" re-checks the preconditions only (the check just before proved the permission).
 */
export async function preflightDiskRestore(inputs: DiskRestoreInputs, stage: "check" | "apply" = "check"): Promise<PreflightResult<DiskRestoreFacts>> {
  const powerPolicy = inputs.powerPolicy ?? DISK_RESTORE_DEFAULTS.powerPolicy;
  const strategy = inputs.strategy ?? DISK_RESTORE_DEFAULTS.strategy;
  const action = strategy === "batch" ? "ResetDisks" : "ResetDisk";
  const diskIds = inputs.disks.map((d) => d.diskId);
  try {
    const regionId = await regionFor(inputs.regionId, async (r) => (await ecs().describeDisks(r, { diskIds: [diskIds[0]] })).length > 0);
    // Counted before the reads, so the checks of a fleet arriving together all count (permission-proofs.ts).
    if (regionId && stage === "check") noteProofDemand(ecs(), regionId, action);
    if (!regionId) {
      return { failures: [failure("regionId", `disk ${diskIds[0]} was not found in any region: set regionId (or alicloud:region / ALIBABA_CLOUD_REGION_ID) and check the disk id`)], warnings: [] };
    }
    // At apply, what the check of the same run read a moment ago will do (never older than readReuseMs()).
    const maxAgeMs = stage === "apply" ? readReuseMs() : 0;
    const { disks, snapshots, progressing } = await readShared(regionId, inputs, maxAgeMs);
    const diskById = new Map(disks.map((d) => [d.diskId, d]));
    const snapById = new Map(snapshots.map((s) => [s.snapshotId, s]));
    const failures: CheckFailure[] = [];
    const warnings: string[] = [];
    const skipDryRun = new Set<number>();
    /** Judged like the DryRun's answer: only for a resource with nothing else to report. */
    const unfinished: CheckFailure[] = [];
    inputs.disks.forEach((d, i) => {
      const disk = diskById.get(d.diskId);
      const found = disk
        ? [...diskProblems(i, disk, action), ...snapshotProblems(i, d.diskId, d.snapshotId, snapById.get(d.snapshotId), disk, regionId, action)]
        : [ecsFailure(`disks[${i}].diskId`, `disk ${d.diskId} does not exist in region ${regionId}`, "InvalidDiskId.NotFound", action)];
      // With safety snapshots on, a snapshot in progress is judged under `safetySnapshot` (a run's
      // own one, left by a crash, is reused; another one is reported there), not twice.
      if (found.length === 0 && !safetySnapshotEnabled(inputs.safetySnapshot)) {
        unfinished.push(...unfinishedSnapshotProblem(i, d.diskId, progressing, action));
      }
      if (found.length > 0) skipDryRun.add(i);
      failures.push(...found);
      if (disk?.status === RESETTING) {
        // A DryRun would only answer IncorrectDiskStatus; the apply resumes or waits for the rollback.
        skipDryRun.add(i);
        warnings.push(`DiskRestore: disk ${d.diskId} is ReIniting (a rollback is in progress, e.g. of an interrupted run); the apply waits for it to finish`);
      }
    });
    const owner = owningInstance(inputs.disks, diskById, inputs.instanceId);
    failures.push(...owner.failures);
    let instance: InstanceInfo | undefined;
    if (owner.instanceId) {
      instance = await batcher().getInstance(regionId, owner.instanceId, maxAgeMs);
      if (!instance) {
        failures.push(ecsFailure(inputs.instanceId ? "instanceId" : "disks", `instance ${owner.instanceId} does not exist in region ${regionId}`, "InvalidInstanceId.NotFound", action));
      } else {
        failures.push(...instanceProblems(instance, powerPolicy, inputs.instanceId ? "instanceId" : "disks", action));
      }
    }
    // DryRun only when the Describe answers leave nothing to report for the whole resource.
    const clean = owner.failures.length === 0 && (!owner.instanceId || (instance && failures.every((f) => !f.property.startsWith("instanceId") && f.property !== "disks" && f.property !== "powerPolicy")));
    if (clean) {
      failures.push(...unfinished);
      for (const f of unfinished) skipDryRun.add(Number(/\[(\d+)\]/.exec(f.property)?.[1]));
    }
    if (stage === "check" && clean && skipDryRun.size < inputs.disks.length) {
      const dry = await proveOnce(
        ecs(),
        regionId,
        action,
        () => dryRun(inputs, regionId, instance, powerPolicy, skipDryRun),
        (d) => d.failures.length === 0 && !d.transient,
      );
      if ("sent" in dry) {
        failures.push(...dry.sent.failures.filter((f) => !failures.some((g) => g.reason === f.reason)));
        if (dry.sent.transient) return { failures, warnings: [...warnings, transientWarning("DiskRestore", dry.sent.transient)] };
      } else if ("deferred" in dry) {
        warnings.push(
          `DiskRestore: ecs:${action} is not proven by a DryRun in this preview: this deployment checks as many ${action} ` +
            `resources as ECS admits per minute, and a DryRun would take a slot the rollbacks need. The apply's first ${action} ` +
            "proves it before the other instances are stopped; a denial stops the rest with nothing changed.",
        );
      }
    }
    if (safetySnapshotEnabled(inputs.safetySnapshot)) {
      failures.push(...(await safetySnapshotProblems(regionId, disks.filter((d) => diskIds.includes(d.diskId)), instance)));
    }
    const facts: DiskRestoreFacts = {
      regionId,
      instanceId: owner.instanceId,
      instanceStatus: instance?.status,
      powerPolicy,
      strategy,
      disks: inputs.disks.map((d) => ({
        diskId: d.diskId,
        snapshotId: d.snapshotId,
        category: diskById.get(d.diskId)?.category,
        sizeGiB: diskById.get(d.diskId)?.size,
        snapshotTime: snapById.get(d.snapshotId)?.creationTime,
      })),
    };
    return { failures, warnings, facts };
  } catch (err) {
    if (isTransient(err)) return { failures: [], warnings: [transientWarning("DiskRestore", err)] };
    return { failures: [preflightError("disks", err)], warnings: [] };
  }
}
