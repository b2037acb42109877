// check, part 1 for DiskRestore: every input judged locally, before anything is sent to ECS.
import { DiskRestoreInputs } from "./types";
import { DISK_RESTORE_CHANGES } from "./changes";
import { inputsFrom, unknownInputs, validateCommonSettings } from "../common/validate";
import {
  CheckFailure,
  STRATEGIES,
  checkId,
  checkOneOf,
  compact,
  describeType,
  failure,
  isGiven,
  isUnknown,
} from "../common/validation-rules";

export type { CheckFailure } from "../common/validation-rules";

export const MAX_DISKS = 10;
export const DISK_RESTORE_TIMEOUT_KEYS = ["stop", "restore", "start"] as const;

export function validateDisks(disks: unknown): CheckFailure[] {
  if (isUnknown(disks)) return [];
  if (!isGiven(disks)) {
    return [failure("disks", `is required: a list of 1 to ${MAX_DISKS} { diskId, snapshotId } pairs`)];
  }
  if (!Array.isArray(disks)) {
    return [failure("disks", `must be a list of 1 to ${MAX_DISKS} { diskId, snapshotId } pairs, got ${describeType(disks)}`)];
  }
  if (disks.length < 1 || disks.length > MAX_DISKS) {
    return [failure("disks", `has ${disks.length} entries: give 1 to ${MAX_DISKS} disks (ResetDisks takes at most ${MAX_DISKS})`)];
  }
  const out: CheckFailure[] = [];
  const firstIndex = new Map<string, number>();
  disks.forEach((disk, i) => {
    const prop = `disks[${i}]`;
    if (isUnknown(disk)) return;
    if (disk === null || typeof disk !== "object" || Array.isArray(disk)) {
      out.push(failure(prop, `must be an object { diskId, snapshotId }, got ${describeType(disk)}`));
      return;
    }
    const { diskId, snapshotId } = disk as Record<string, unknown>;
    if (!isGiven(diskId)) out.push(failure(`${prop}.diskId`, "is required: the id of the disk to roll back (d-...)"));
    else out.push(...compact([checkId(diskId, "disk", `${prop}.diskId`)]));
    if (!isGiven(snapshotId)) out.push(failure(`${prop}.snapshotId`, "is required: the id of a snapshot of that disk (s-...)"));
    else out.push(...compact([checkId(snapshotId, "snapshot", `${prop}.snapshotId`)]));
    for (const key of Object.keys(disk as object)) {
      if (key !== "diskId" && key !== "snapshotId") {
        out.push(failure(`${prop}.${key}`, `unknown property: each disk has only diskId and snapshotId`));
      }
    }
    if (typeof diskId === "string" && !isUnknown(diskId)) {
      // Compared without case and surrounding spaces: "d-AB" and "d-ab" name one disk or a typo.
      const key = diskId.trim().toLowerCase();
      const first = firstIndex.get(key);
      if (first !== undefined) {
        out.push(failure(`${prop}.diskId`, `disk ${diskId} is already listed as disks[${first}]: each disk may appear once`));
      } else {
        firstIndex.set(key, i);
      }
    }
  });
  return out;
}

export function validateDiskRestore(news: Record<string, any>): { inputs: DiskRestoreInputs; failures: CheckFailure[] } {
  const failures = compact([
    unknownInputs(news, Object.keys(DISK_RESTORE_CHANGES)),
    validateDisks(news.disks),
    isGiven(news.instanceId) ? checkId(news.instanceId, "instance", "instanceId") : undefined,
    checkOneOf(news.strategy, STRATEGIES, "strategy"),
    validateCommonSettings(news, DISK_RESTORE_TIMEOUT_KEYS),
  ]);
  return { inputs: inputsFrom(news) as unknown as DiskRestoreInputs, failures };
}
