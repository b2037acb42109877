// SDK response items (camelCase models of the PascalCase wire format) -> the info types of api.ts.
import type * as Ecs from "@alicloud/ecs20140526";
import type { DiskInfo, ImageInfo, InstanceInfo, InstanceStatus, KeyPairInfo, ResetDisksItemResult, SnapshotInfo } from "./api";

type SdkDisk = Ecs.DescribeDisksResponseBodyDisksDisk;
type SdkInstance = Ecs.DescribeInstancesResponseBodyInstancesInstance;
type SdkSnapshot = Ecs.DescribeSnapshotsResponseBodySnapshotsSnapshot;
type SdkImage = Ecs.DescribeImagesResponseBodyImagesImage;
type SdkKeyPair = Ecs.DescribeKeyPairsResponseBodyKeyPairsKeyPair;
type SdkOperationProgress = Ecs.ResetDisksResponseBodyOperationProgressSetOperationProgress;

export function toDiskInfo(d: SdkDisk, regionId: string): DiskInfo {
  return {
    diskId: d.diskId ?? "",
    regionId: d.regionId || regionId,
    zoneId: orUndefined(d.zoneId),
    instanceId: orUndefined(d.instanceId),
    type: d.type === "system" ? "system" : "data",
    status: d.status ?? "",
    imageId: orUndefined(d.imageId),
    sourceSnapshotId: orUndefined(d.sourceSnapshotId),
    size: Number(d.size ?? 0),
    category: d.category ?? "",
    encrypted: isTrue(d.encrypted),
    kmsKeyId: orUndefined(d.KMSKeyId),
    multiAttach: orUndefined(d.multiAttach),
    operationLocks: lockReasons(d.operationLocks?.operationLock),
  };
}

export function toInstanceInfo(i: SdkInstance, regionId: string): InstanceInfo {
  return {
    instanceId: i.instanceId ?? "",
    regionId: i.regionId || regionId,
    zoneId: orUndefined(i.zoneId),
    status: (i.status ?? "") as InstanceStatus,
    imageId: i.imageId ?? "",
    osType: osType(i.OSType),
    instanceChargeType: orUndefined(i.instanceChargeType),
    expiredTime: orUndefined(i.expiredTime),
    stoppedMode: orUndefined(i.stoppedMode),
    operationLocks: lockReasons(i.operationLocks?.lockReason),
    tags: i.tags?.tag?.length ? tagMap(i.tags.tag) : undefined,
  };
}

/** `Tags.Tag[] { TagKey, TagValue }` as key -> value. */
export function tagMap(tags: { tagKey?: string; tagValue?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.tagKey) out[t.tagKey] = t.tagValue ?? "";
  return out;
}

export function toSnapshotInfo(s: SdkSnapshot, regionId: string): SnapshotInfo {
  return {
    snapshotId: s.snapshotId ?? "",
    regionId: s.regionId || regionId,
    sourceDiskId: s.sourceDiskId ?? "",
    status: s.status ?? "",
    progress: orUndefined(s.progress),
    creationTime: orUndefined(s.creationTime),
    encrypted: s.encrypted === undefined ? undefined : isTrue(s.encrypted),
    // Fields a bare answer lacks stay absent (not undefined-valued).
    ...defined({
      snapshotName: orUndefined(s.snapshotName),
      snapshotType: orUndefined(s.snapshotType),
      available: s.available === undefined || s.available === null ? undefined : isTrue(s.available),
      retentionDays: s.retentionDays === undefined || s.retentionDays === null ? undefined : Number(s.retentionDays),
      tags: s.tags?.tag?.length ? tagMap(s.tags.tag) : undefined,
    }),
  };
}

export function toImageInfo(i: SdkImage, regionId: string): ImageInfo {
  return {
    imageId: i.imageId ?? "",
    regionId,
    osType: osType(i.OSType),
    size: Number(i.size ?? 0),
    status: i.status ?? "",
    isSupportIoOptimized: i.isSupportIoOptimized,
    platform: orUndefined(i.platform),
    osName: orUndefined(i.OSNameEn) ?? orUndefined(i.OSName),
    resizable: resizable(i),
  };
}

/**
 * ECS has no field for "this image cannot be resized"; an image tagged `diskops:resizable=false`
 * (how the emulator marks such images, and how users can mark their own) says so.
 */
export const RESIZABLE_TAG = "diskops:resizable";

function resizable(i: SdkImage): boolean | undefined {
  const value = i.tags?.tag?.find((t) => t.tagKey === RESIZABLE_TAG)?.tagValue?.toLowerCase();
  return value === "false" ? false : value === "true" ? true : undefined;
}

export function toKeyPairInfo(k: SdkKeyPair): KeyPairInfo {
  return { keyPairName: k.keyPairName ?? "", keyPairFingerPrint: orUndefined(k.keyPairFingerPrint) };
}

/**
 * ResetDisks reports per disk in OperationProgressSet (RelatedItem Name "DiskId"). A response
 * without the set means every disk was accepted; a disk missing from a non-empty set is "Unknown".
 */
export function toResetDisksResults(
  disks: { diskId: string; snapshotId: string }[],
  progress: SdkOperationProgress[] | undefined,
): ResetDisksItemResult[] {
  if (!progress || progress.length === 0) return disks.map((d) => ({ ...d, status: "Success" }));
  const byDisk = new Map<string, SdkOperationProgress>();
  for (const p of progress) {
    const diskId = p.relatedItemSet?.relatedItem?.find((item) => item.name === "DiskId")?.value;
    if (diskId) byDisk.set(diskId, p);
  }
  return disks.map((d) => {
    const p = byDisk.get(d.diskId);
    if (!p) return { ...d, status: "Unknown" };
    return {
      ...d,
      status: p.operationStatus ?? "Unknown",
      errorCode: orUndefined(p.errorCode),
      errorMsg: orUndefined(p.errorMsg),
    };
  });
}

function lockReasons(locks: { lockReason?: string }[] | undefined): string[] {
  return (locks ?? []).map((l) => l.lockReason ?? "").filter((reason) => reason !== "");
}

function osType(value: string | undefined): "linux" | "windows" {
  return value?.toLowerCase() === "windows" ? "windows" : "linux";
}

function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function orUndefined(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value === "" ? undefined : value;
}
