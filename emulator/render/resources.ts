// Renders records as the Describe* response items (PascalCase, the SDK's field types).
import type { Cloud } from "../model/cloud";
import { contentVersionOf } from "../model/content";
import { RESIZABLE_TAG } from "../model/seed";
import { tagsOf } from "../model/tags";
import type { DiskRecord, ImageRecord, InstanceRecord, KeyPairRecord, SnapshotRecord } from "../model/types";

export function renderInstance(cloud: Cloud, i: InstanceRecord) {
  return {
    ...i.Extra,
    InstanceId: i.InstanceId,
    InstanceName: i.InstanceName,
    RegionId: i.RegionId,
    ZoneId: i.ZoneId,
    InstanceType: i.InstanceType,
    Status: i.Status,
    ImageId: i.ImageId,
    OSType: i.OSType,
    OSName: i.OSName,
    InstanceChargeType: i.InstanceChargeType,
    ExpiredTime: i.ExpiredTime,
    StoppedMode: i.StoppedMode,
    CreationTime: i.CreationTime,
    StartTime: i.StartTime,
    KeyPairName: i.KeyPairName,
    InstanceNetworkType: (i.Extra.InstanceNetworkType as string | undefined) ?? "vpc",
    IoOptimized: (i.Extra.IoOptimized as boolean | undefined) ?? true,
    OperationLocks: { LockReason: cloud.instanceLocks(i.InstanceId) },
    Tags: { Tag: cloud.tags.read(i) },
  };
}

export function renderDisk(cloud: Cloud, d: DiskRecord) {
  return {
    ...d.Extra,
    DiskId: d.DiskId,
    DiskName: d.DiskName,
    RegionId: d.RegionId,
    ZoneId: d.ZoneId,
    InstanceId: d.InstanceId,
    Device: d.Device,
    Type: d.Type,
    Status: d.Status,
    Category: d.Category,
    Size: d.Size,
    ImageId: d.ImageId,
    SourceSnapshotId: d.SourceSnapshotId,
    Encrypted: d.Encrypted,
    KMSKeyId: d.KMSKeyId,
    MultiAttach: d.MultiAttach,
    DiskChargeType: d.DiskChargeType,
    DeleteWithInstance: d.DeleteWithInstance,
    Portable: d.Portable,
    CreationTime: d.CreationTime,
    Attachments: { Attachment: d.InstanceId ? [{ InstanceId: d.InstanceId, Device: d.Device, AttachedTime: d.CreationTime }] : [] },
    OperationLocks: { OperationLock: d.LockReasons.map((r) => ({ LockReason: r })) },
    Tags: { Tag: cloud.tags.read(d) },
  };
}

export function renderSnapshot(cloud: Cloud, s: SnapshotRecord) {
  return {
    ...s.Extra,
    SnapshotId: s.SnapshotId,
    SnapshotName: s.SnapshotName,
    RegionId: s.RegionId,
    SourceDiskId: s.SourceDiskId,
    SourceDiskSize: s.SourceDiskSize,
    SourceDiskType: s.SourceDiskType,
    Status: s.Status,
    Progress: cloud.snapshotProgress(s),
    // Instant access: usable from AvailableAt on, while the snapshot is still progressing.
    Available: s.Status === "accomplished" || (s.Status === "progressing" && s.AvailableAt !== undefined && s.AvailableAt <= Date.now()),
    InstantAccess: s.AvailableAt !== undefined,
    CreationTime: s.CreationTime,
    Encrypted: s.Encrypted,
    KMSKeyId: s.KMSKeyId,
    SnapshotType: s.SnapshotType,
    Usage: s.Usage,
    Description: s.Description ?? "",
    ...(s.RetentionDays !== undefined ? { RetentionDays: s.RetentionDays } : {}),
    Tags: { Tag: cloud.tags.read(s) },
  };
}

/** "42%" while an image is Creating, from its completion transition. */
function imageProgress(cloud: Cloud, m: ImageRecord, now = Date.now()): string {
  if (m.Status !== "Creating") return "100%";
  const t = cloud.transitions.find((x) => x.Kind === "ImageComplete" && x.ImageId === m.ImageId);
  if (!t) return "0%";
  return `${Math.min(99, Math.max(0, Math.floor(((now - t.StartedAt) / Math.max(1, t.DueAt - t.StartedAt)) * 100)))}%`;
}

export function renderImage(cloud: Cloud, m: ImageRecord) {
  const tags = cloud.tags.read(m).filter((t) => t.TagKey !== RESIZABLE_TAG);
  if (!m.Resizable) tags.push({ TagKey: RESIZABLE_TAG, TagValue: "false" });
  return {
    ...m.Extra,
    ImageId: m.ImageId,
    ImageName: m.ImageName,
    ImageOwnerAlias: m.ImageOwnerAlias,
    OSType: m.OSType,
    OSName: m.OSName,
    Platform: m.Platform,
    Architecture: m.Architecture,
    Size: m.Size,
    Status: m.Status,
    IsSupportIoOptimized: m.IsSupportIoOptimized,
    Usage: m.Usage,
    CreationTime: m.CreationTime,
    Description: m.Description ?? "",
    Progress: imageProgress(cloud, m),
    ...(m.SnapshotId
      ? { DiskDeviceMappings: { DiskDeviceMapping: [{ SnapshotId: m.SnapshotId, Size: String(m.Size), Device: "/dev/xvda", Type: "system" }] } }
      : {}),
    Tags: { Tag: tags },
  };
}

export function renderKeyPair(_cloud: Cloud, k: KeyPairRecord) {
  return {
    ...k.Extra,
    KeyPairName: k.KeyPairName,
    KeyPairFingerPrint: k.KeyPairFingerPrint,
    CreationTime: k.CreationTime,
  };
}

/** The admin view of the whole cloud (GET /__emulator/state). Never contains access keys. */
export function renderState(cloud: Cloud) {
  cloud.settle();
  return {
    // The admin view shows the tags as they are, never a lagging read of them.
    Instances: [...cloud.instances.values()].map((i) => ({ ...renderInstance(cloud, i), Tags: { Tag: tagsOf(i) } })),
    // ContentVersion (the disk's data, opaque) is shown here only, never by the ECS API.
    Disks: [...cloud.disks.values()].map((d) => ({ ...renderDisk(cloud, d), Tags: { Tag: tagsOf(d) }, ContentVersion: contentVersionOf(d, d.DiskId) })),
    Snapshots: [...cloud.snapshots.values()].map((s) => ({ ...renderSnapshot(cloud, s), Tags: { Tag: tagsOf(s) }, ContentVersion: contentVersionOf(s, s.SnapshotId) })),
    Images: [...cloud.images.values()].map((m) => ({ ...renderImage(cloud, m), ContentVersion: contentVersionOf(m, m.ImageId) })),
    KeyPairs: [...cloud.keyPairs.values()].map((k) => ({ ...renderKeyPair(cloud, k), RegionId: k.RegionId })),
    KmsKeys: [...cloud.kmsKeys.values()],
    Transitions: cloud.transitions.map((t) => ({ ...t, DueAt: new Date(t.DueAt).toISOString(), StartedAt: new Date(t.StartedAt).toISOString() })),
  };
}
