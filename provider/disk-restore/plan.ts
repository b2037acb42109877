// The `plan` of a DiskRestore: which instance is stopped (and started again), which disk goes
// back to which snapshot, with which API. From preflight facts when there are any.
import type { Changes } from "../common/changes";
import { DISK_RESTORE_DEFAULTS } from "./types";
import { headLine, plansWithoutOperation, shown } from "../common/plan";
import type { DiskRestoreFacts } from "./preflight";
import { powerPlan } from "../common/preflight";
import type { DiskRestoreInputs } from "./types";
import { isUnknown } from "../common/validation-rules";
import { safetySnapshotPlan } from "../common/safety-snapshot";

export function planDiskRestore(
  inputs: DiskRestoreInputs,
  facts: DiskRestoreFacts | undefined,
  changes: Changes | undefined,
  notes: string[] = [],
): string[] {
  const quiet = plansWithoutOperation(changes);
  if (quiet) return quiet;
  const policy = inputs.powerPolicy ?? DISK_RESTORE_DEFAULTS.powerPolicy;
  const strategy = inputs.strategy ?? DISK_RESTORE_DEFAULTS.strategy;
  const disks = Array.isArray(inputs.disks) ? inputs.disks : [];
  const instanceId = facts ? facts.instanceId : inputs.instanceId ?? "the instance the disks are attached to";
  const power = instanceId ? powerPlan(shown(instanceId), facts?.instanceStatus, policy) : { before: [], after: [] };
  const resets = isUnknown(inputs.disks)
    ? [`reset the disks (known at apply) to their snapshots (${strategy === "batch" ? "ResetDisks" : "ResetDisk"})`]
    : strategy === "batch"
      ? [`reset ${disks.map((d) => `${shown(d?.diskId)} -> snapshot ${shown(d?.snapshotId)}`).join(", ")} in one call (ResetDisks)`]
      : disks.map((d) => `reset ${shown(d?.diskId)} -> snapshot ${shown(d?.snapshotId)} (ResetDisk)`);
  const snapshots = safetySnapshotPlan(
    inputs.safetySnapshot,
    isUnknown(inputs.disks) ? ["each disk (known at apply)"] : disks.map((d) => `disk ${shown(d?.diskId)}`),
    inputs.timeouts,
  );
  return [headLine("DiskRestore", changes), ...power.before, ...snapshots, ...resets, ...power.after, ...notes];
}
