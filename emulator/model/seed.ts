// Turns a seed (Describe*-shaped items, as pasted from the real API) into records with defaults.
import * as fs from "fs";
import { seedContentVersion } from "./content";
import type {
  AccessKeyRecord,
  CloudData,
  DiskRecord,
  ImageRecord,
  InstanceRecord,
  Json,
  KeyPairRecord,
  KmsKeyRecord,
  SnapshotRecord,
  Tag,
} from "./types";

export interface SeedFile {
  AccessKeys?: Partial<AccessKeyRecord>[];
  Instances?: Json[] | Json;
  Disks?: Json[] | Json;
  Snapshots?: Json[] | Json;
  Images?: Json[] | Json;
  KeyPairs?: Json[] | Json;
  KmsKeys?: Json[] | Json;
}

export interface NormalizedSeed {
  accessKeys: AccessKeyRecord[];
  data: CloudData;
  /** Seconds until each progressing snapshot completes (seed field `CompletesInSeconds`, default 60). */
  snapshotCompletion: Record<string, number>;
}

export const DEFAULT_REGION = "cn-hangzhou";
export const DEFAULT_ZONE = "cn-hangzhou-h";
export const DEFAULT_SNAPSHOT_SECONDS = 60;
/** Tag that marks an image whose system disk size cannot differ from the image size. */
export const RESIZABLE_TAG = "diskops:resizable";

export function readSeed(seed: SeedFile | string): SeedFile {
  if (typeof seed !== "string") return seed;
  return JSON.parse(fs.readFileSync(seed, "utf8")) as SeedFile;
}

/** Accepts `[...]` or the Describe wrapper `{ Instance: [...] }`. */
function items(v: Json[] | Json | undefined): Json[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  const arrays = Object.values(v).filter(Array.isArray);
  if (arrays.length === 1) return arrays[0] as Json[];
  throw new Error(`seed: expected an array, got ${JSON.stringify(v).slice(0, 80)}`);
}

function str(v: unknown, dflt: string): string {
  return v === undefined || v === null ? dflt : String(v);
}
function num(v: unknown, dflt: number): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : dflt;
}
function bool(v: unknown, dflt: boolean): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return dflt;
}
function rest(item: Json, known: string[]): Json {
  const extra: Json = {};
  for (const [k, v] of Object.entries(item)) if (!known.includes(k)) extra[k] = v;
  return extra;
}
/** OperationLocks as `{ LockReason: [{ LockReason }] }`, `{ OperationLock: [...] }` or an array of strings. */
function lockReasons(v: unknown): string[] {
  if (!v) return [];
  const list = Array.isArray(v) ? v : items(v as Json);
  return list.map((l) => (typeof l === "string" ? l : str((l as Json).LockReason, ""))).filter((s) => s !== "");
}
/** `Tags` as `{ Tag: [{ TagKey, TagValue }] }` (Describe* shape) or a bare array. */
function tags(v: unknown, skipKey?: string): Tag[] {
  if (!v) return [];
  return items(v as Json)
    .map((t) => ({ TagKey: str(t.TagKey ?? t.Key, ""), TagValue: str(t.TagValue ?? t.Value, "") }))
    .filter((t) => t.TagKey !== "" && t.TagKey !== skipKey);
}
function need(item: Json, field: string, kind: string): string {
  const v = item[field];
  if (typeof v !== "string" || v === "") throw new Error(`seed: every ${kind} needs ${field}`);
  return v;
}

const NOW_ISO = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

const INSTANCE_FIELDS = [
  "InstanceId", "RegionId", "ZoneId", "InstanceName", "InstanceType", "Status", "ImageId", "OSType", "OSName",
  "InstanceChargeType", "ExpiredTime", "StoppedMode", "CreationTime", "StartTime", "KeyPairName", "OperationLocks", "Tags",
];
export function instanceFromSeed(i: Json): InstanceRecord {
  const id = need(i, "InstanceId", "instance");
  const status = str(i.Status, "Running");
  return {
    InstanceId: id,
    RegionId: str(i.RegionId, DEFAULT_REGION),
    ZoneId: str(i.ZoneId, DEFAULT_ZONE),
    InstanceName: str(i.InstanceName, id),
    InstanceType: str(i.InstanceType, "ecs.g7.large"),
    Status: status,
    ImageId: str(i.ImageId, ""),
    OSType: str(i.OSType, "linux"),
    OSName: str(i.OSName, ""),
    InstanceChargeType: str(i.InstanceChargeType, "PostPaid"),
    ExpiredTime: str(i.ExpiredTime, "2099-12-31T15:59Z"),
    StoppedMode: str(i.StoppedMode, status === "Stopped" ? "KeepCharging" : "Not-applicable"),
    CreationTime: str(i.CreationTime, NOW_ISO()),
    StartTime: str(i.StartTime, ""),
    KeyPairName: str(i.KeyPairName, ""),
    LockReasons: lockReasons(i.OperationLocks),
    Tags: tags(i.Tags),
    Extra: rest(i, INSTANCE_FIELDS),
  };
}

const DISK_FIELDS = [
  "DiskId", "RegionId", "ZoneId", "DiskName", "InstanceId", "Device", "Type", "Status", "Category", "Size", "ImageId",
  "SourceSnapshotId", "Encrypted", "KMSKeyId", "MultiAttach", "DiskChargeType", "DeleteWithInstance", "Portable",
  "CreationTime", "OperationLocks", "Tags", "ContentVersion",
];
export function diskFromSeed(d: Json): DiskRecord {
  const id = need(d, "DiskId", "disk");
  const instanceId = str(d.InstanceId, "");
  const type = str(d.Type, "data");
  return {
    DiskId: id,
    RegionId: str(d.RegionId, DEFAULT_REGION),
    ZoneId: str(d.ZoneId, DEFAULT_ZONE),
    DiskName: str(d.DiskName, id),
    InstanceId: instanceId,
    Device: str(d.Device, ""),
    Type: type,
    Status: str(d.Status, instanceId ? "In_use" : "Available"),
    Category: str(d.Category, "cloud_essd"),
    Size: num(d.Size, type === "system" ? 40 : 100),
    ImageId: str(d.ImageId, ""),
    SourceSnapshotId: str(d.SourceSnapshotId, ""),
    Encrypted: bool(d.Encrypted, false),
    KMSKeyId: str(d.KMSKeyId, ""),
    MultiAttach: str(d.MultiAttach, "Disabled"),
    DiskChargeType: str(d.DiskChargeType, "PostPaid"),
    DeleteWithInstance: bool(d.DeleteWithInstance, type === "system"),
    Portable: bool(d.Portable, type !== "system"),
    CreationTime: str(d.CreationTime, NOW_ISO()),
    LockReasons: lockReasons(d.OperationLocks),
    Tags: tags(d.Tags),
    ContentVersion: str(d.ContentVersion, seedContentVersion(id)),
    Extra: rest(d, DISK_FIELDS),
  };
}

const SNAPSHOT_FIELDS = [
  "SnapshotId", "RegionId", "SnapshotName", "SourceDiskId", "SourceDiskSize", "SourceDiskType", "Status", "Progress",
  "CreationTime", "Encrypted", "KMSKeyId", "SnapshotType", "Usage", "CompletesInSeconds", "Description", "RetentionDays",
  "Tags", "ContentVersion", "Available",
];
export function snapshotFromSeed(s: Json): SnapshotRecord {
  const id = need(s, "SnapshotId", "snapshot");
  const status = str(s.Status, "accomplished");
  return {
    SnapshotId: id,
    RegionId: str(s.RegionId, DEFAULT_REGION),
    SnapshotName: str(s.SnapshotName, id),
    SourceDiskId: need(s, "SourceDiskId", "snapshot"),
    SourceDiskSize: str(s.SourceDiskSize, "40"),
    SourceDiskType: str(s.SourceDiskType, "Data"),
    Status: status,
    Progress: str(s.Progress, status === "accomplished" ? "100%" : "0%"),
    CreationTime: str(s.CreationTime, NOW_ISO()),
    Encrypted: bool(s.Encrypted, false),
    KMSKeyId: str(s.KMSKeyId, ""),
    SnapshotType: str(s.SnapshotType, "user"),
    Usage: str(s.Usage, "none"),
    Description: str(s.Description, ""),
    RetentionDays: num(s.RetentionDays, 0) || undefined,
    Tags: tags(s.Tags),
    ContentVersion: str(s.ContentVersion, seedContentVersion(id)),
    SourceImageId: "",
    Extra: rest(s, SNAPSHOT_FIELDS),
  };
}

const IMAGE_FIELDS = [
  "ImageId", "RegionId", "ImageName", "ImageOwnerAlias", "OSType", "OSName", "Platform", "Architecture", "Size",
  "Status", "Resizable", "IsSupportIoOptimized", "Usage", "CreationTime", "Description", "Tags", "ContentVersion",
];
function resizableFromTags(tags: unknown): boolean | undefined {
  const tag = items(tags as Json).find((t) => (t as Json).TagKey === RESIZABLE_TAG) as Json | undefined;
  return tag ? tag.TagValue !== "false" : undefined;
}
export function imageFromSeed(m: Json): ImageRecord {
  const id = need(m, "ImageId", "image");
  return {
    ImageId: id,
    RegionId: str(m.RegionId, DEFAULT_REGION),
    ImageName: str(m.ImageName, id),
    ImageOwnerAlias: str(m.ImageOwnerAlias, "system"),
    OSType: str(m.OSType, "linux"),
    OSName: str(m.OSName, ""),
    Platform: str(m.Platform, str(m.OSType, "linux") === "windows" ? "Windows Server 2022" : "Ubuntu"),
    Architecture: str(m.Architecture, "x86_64"),
    Size: num(m.Size, 20),
    Status: str(m.Status, "Available"),
    Resizable: bool(m.Resizable, resizableFromTags(m.Tags) ?? true),
    IsSupportIoOptimized: bool(m.IsSupportIoOptimized, true),
    Usage: str(m.Usage, "instance"),
    CreationTime: str(m.CreationTime, NOW_ISO()),
    Description: str(m.Description, ""),
    SnapshotId: "",
    Tags: tags(m.Tags, RESIZABLE_TAG),
    ContentVersion: str(m.ContentVersion, seedContentVersion(id)),
    Extra: rest(m, IMAGE_FIELDS),
  };
}

export function keyPairFromSeed(k: Json): KeyPairRecord {
  return {
    KeyPairName: need(k, "KeyPairName", "key pair"),
    RegionId: str(k.RegionId, DEFAULT_REGION),
    KeyPairFingerPrint: str(k.KeyPairFingerPrint, "6c:2f:3a:00:00:00:00:00:00:00:00:00:00:00:00:00"),
    CreationTime: str(k.CreationTime, NOW_ISO()),
    Extra: rest(k, ["KeyPairName", "RegionId", "KeyPairFingerPrint", "CreationTime"]),
  };
}

export function kmsKeyFromSeed(k: Json): KmsKeyRecord {
  return {
    KeyId: need(k, "KeyId", "KMS key"),
    RegionId: str(k.RegionId, DEFAULT_REGION),
    KeyState: str(k.KeyState, "Enabled"),
  };
}

export function normalizeSeed(seed: SeedFile): NormalizedSeed {
  const accessKeys = (seed.AccessKeys ?? []).map((k) => {
    if (!k.AccessKeyId || !k.AccessKeySecret) throw new Error("seed: every access key needs AccessKeyId and AccessKeySecret");
    return { AccessKeyId: k.AccessKeyId, AccessKeySecret: k.AccessKeySecret, SecurityToken: k.SecurityToken };
  });
  const snapshotCompletion: Record<string, number> = {};
  const rawSnapshots = items(seed.Snapshots);
  for (const s of rawSnapshots) {
    if (typeof s.SnapshotId === "string" && str(s.Status, "accomplished") === "progressing") {
      snapshotCompletion[s.SnapshotId] = num(s.CompletesInSeconds, DEFAULT_SNAPSHOT_SECONDS);
    }
  }
  return {
    accessKeys,
    snapshotCompletion,
    data: {
      Instances: items(seed.Instances).map(instanceFromSeed),
      Disks: items(seed.Disks).map(diskFromSeed),
      Snapshots: rawSnapshots.map(snapshotFromSeed),
      Images: items(seed.Images).map(imageFromSeed),
      KeyPairs: items(seed.KeyPairs).map(keyPairFromSeed),
      KmsKeys: items(seed.KmsKeys).map(kmsKeyFromSeed),
    },
  };
}
