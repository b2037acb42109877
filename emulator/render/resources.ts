// Renders records as the Describe* response items (PascalCase, the SDK's field types).
import type { Cloud } from "../model/cloud";
import { RESIZABLE_TAG } from "../model/seed";
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
  };
}

export function renderDisk(_cloud: Cloud, d: DiskRecord) {
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
    Available: s.Status === "accomplished",
    CreationTime: s.CreationTime,
    Encrypted: s.Encrypted,
    KMSKeyId: s.KMSKeyId,
    SnapshotType: s.SnapshotType,
    Usage: s.Usage,
  };
}

export function renderImage(_cloud: Cloud, m: ImageRecord) {
  const tags = (((m.Extra.Tags as { Tag?: unknown[] } | undefined)?.Tag ?? []) as { TagKey?: string; TagValue?: string }[]).filter(
    (t) => t.TagKey !== RESIZABLE_TAG,
  );
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
    Instances: [...cloud.instances.values()].map((i) => renderInstance(cloud, i)),
    Disks: [...cloud.disks.values()].map((d) => renderDisk(cloud, d)),
    Snapshots: [...cloud.snapshots.values()].map((s) => renderSnapshot(cloud, s)),
    Images: [...cloud.images.values()].map((m) => renderImage(cloud, m)),
    KeyPairs: [...cloud.keyPairs.values()].map((k) => ({ ...renderKeyPair(cloud, k), RegionId: k.RegionId })),
    KmsKeys: [...cloud.kmsKeys.values()],
    Transitions: cloud.transitions.map((t) => ({ ...t, DueAt: new Date(t.DueAt).toISOString(), StartedAt: new Date(t.StartedAt).toISOString() })),
  };
}
