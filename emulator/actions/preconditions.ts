// Lookups and checks shared by several actions, each failing with the catalogue's code.
import type { Cloud } from "../model/cloud";
import type { DiskRecord, InstanceRecord, SnapshotRecord } from "../model/types";
import { apiError } from "../protocol/errors";
import type { Params } from "../protocol/params";

export function findInstance(cloud: Cloud, id: string, action: string, regionId?: string): InstanceRecord {
  const inst = cloud.instances.get(id);
  if (!inst || (regionId !== undefined && inst.RegionId !== regionId)) throw apiError("InvalidInstanceId.NotFound", action);
  return inst;
}

export function findDisk(cloud: Cloud, id: string, action: string, regionId?: string): DiskRecord {
  const disk = cloud.disks.get(id);
  if (!disk || (regionId !== undefined && disk.RegionId !== regionId)) throw apiError("InvalidDiskId.NotFound", action);
  return disk;
}

export function findSnapshot(cloud: Cloud, id: string, action: string, regionId: string): SnapshotRecord {
  const snap = cloud.snapshots.get(id);
  if (!snap || snap.RegionId !== regionId) throw apiError("InvalidSnapshotId.NotFound", action);
  return snap;
}

/** Security lock and expiry forbid every operation on the instance. */
export function assertOperable(cloud: Cloud, inst: InstanceRecord, action: string): void {
  if (cloud.isSecurityLocked(inst)) throw apiError("InstanceLockedForSecurity", action);
  if (cloud.isExpired(inst)) throw apiError("InstanceExpiredOrInArrears", action);
}

/** With DryRun=true and every check passed, ECS answers DryRunOperation (HTTP 400). */
export function finishDryRun(params: Params): void {
  if (params.bool("DryRun")) throw apiError("DryRunOperation", params.action);
}

export function regionParam(params: Params): string {
  const region = params.required("RegionId");
  if (!/^[a-z]{2,}-[a-z0-9-]+$/.test(region)) throw apiError("InvalidRegionId.MalFormed", params.action);
  return region;
}

/** Snapshots taken before this date cannot reset a disk or make an image. */
export const OLDEST_USABLE_SNAPSHOT = Date.parse("2013-07-15T00:00:00Z");

export const LOCAL_DISK = (category: string) => category.startsWith("ephemeral") || category.startsWith("local_");
