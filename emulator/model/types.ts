// Resource records of the simulated cloud. Field names follow the matching Describe* response item
// (DescribeInstances `Instance`, DescribeDisks `Disk`, ...) so seeds can be pasted from real output.
// `Extra` keeps any other fields of a pasted item; they are echoed back verbatim.

export type Json = Record<string, unknown>;

/** A resource tag as Describe* items show it (`Tags.Tag[]`). */
export interface Tag {
  TagKey: string;
  TagValue: string;
}

export interface InstanceRecord {
  InstanceId: string;
  RegionId: string;
  ZoneId: string;
  InstanceName: string;
  InstanceType: string;
  Status: string; // Pending | Running | Starting | Stopping | Stopped
  ImageId: string;
  OSType: string; // linux | windows
  OSName: string;
  InstanceChargeType: string; // PrePaid | PostPaid
  ExpiredTime: string;
  StoppedMode: string; // KeepCharging | StopCharging | Not-applicable
  CreationTime: string;
  StartTime: string;
  KeyPairName: string;
  /** Persistent lock reasons (security, financial, ...). In-flight operations add their own on render. */
  LockReasons: string[];
  Tags: Tag[];
  Extra: Json;
}

export interface DiskRecord {
  DiskId: string;
  RegionId: string;
  ZoneId: string;
  DiskName: string;
  InstanceId: string; // "" when unattached
  Device: string;
  Type: string; // system | data
  Status: string; // In_use | Available | Attaching | Detaching | Creating | ReIniting
  Category: string;
  Size: number;
  ImageId: string;
  SourceSnapshotId: string;
  Encrypted: boolean;
  KMSKeyId: string;
  MultiAttach: string; // Enabled | Disabled
  DiskChargeType: string;
  DeleteWithInstance: boolean;
  Portable: boolean;
  CreationTime: string;
  LockReasons: string[];
  Tags: Tag[];
  /** Opaque version of the data on the disk (admin API only): proves what a reset or undo brought back. */
  ContentVersion: string;
  Extra: Json;
}

export interface SnapshotRecord {
  SnapshotId: string;
  RegionId: string;
  SnapshotName: string;
  SourceDiskId: string;
  SourceDiskSize: string;
  SourceDiskType: string; // System | Data
  Status: string; // progressing | accomplished | failed
  Progress: string;
  CreationTime: string;
  Encrypted: boolean;
  KMSKeyId: string;
  SnapshotType: string; // user | auto
  Usage: string;
  Description: string;
  RetentionDays?: number;
  Tags: Tag[];
  /** The data version of the disk when the snapshot was taken. */
  ContentVersion: string;
  /** Image of the source disk at creation ("" unknown): CreateImage takes the OS from it. */
  SourceImageId: string;
  /** InstantAccess: epoch ms from which the snapshot is usable (Available) while still progressing. */
  AvailableAt?: number;
  Extra: Json;
}

export interface ImageRecord {
  ImageId: string;
  RegionId: string;
  ImageName: string;
  ImageOwnerAlias: string;
  OSType: string;
  OSName: string;
  Platform: string;
  Architecture: string;
  Size: number;
  Status: string; // Available | Creating | Waiting | UnAvailable | CreateFailed | Deprecated
  /** false: SystemDisk.Size must equal Size. Rendered as the tag `diskops:resizable=false`. */
  Resizable: boolean;
  IsSupportIoOptimized: boolean;
  Usage: string;
  CreationTime: string;
  Description: string;
  /** The snapshot a custom image was made from ("" for public images). */
  SnapshotId: string;
  Tags: Tag[];
  /** Data version a system disk made from this image starts with. */
  ContentVersion: string;
  Extra: Json;
}

export interface KeyPairRecord {
  KeyPairName: string;
  RegionId: string;
  KeyPairFingerPrint: string;
  CreationTime: string;
  Extra: Json;
}

export interface KmsKeyRecord {
  KeyId: string;
  RegionId: string;
  KeyState: string; // Enabled | Disabled | PendingDeletion
}

export interface AccessKeyRecord {
  AccessKeyId: string;
  AccessKeySecret: string;
  SecurityToken?: string;
}

/** An operation in flight; DueAt is absolute (epoch ms) so it survives restarts. */
export type Transition =
  | { Id: number; Kind: "InstanceStop"; DueAt: number; StartedAt: number; InstanceId: string; StoppedMode: string }
  | { Id: number; Kind: "InstanceStart"; DueAt: number; StartedAt: number; InstanceId: string }
  | { Id: number; Kind: "DiskReset"; DueAt: number; StartedAt: number; DiskId: string; InstanceId: string; StatusAfter: string }
  | {
      Id: number;
      Kind: "SystemDiskReplace";
      DueAt: number;
      StartedAt: number;
      InstanceId: string;
      OldDiskId: string;
      NewDiskId: string;
      ImageId: string;
      KeyPairName: string;
    }
  | { Id: number; Kind: "SnapshotComplete"; DueAt: number; StartedAt: number; SnapshotId: string }
  | { Id: number; Kind: "ImageComplete"; DueAt: number; StartedAt: number; ImageId: string };

export type TransitionKind = Transition["Kind"];

/** The records a completing transition may change: all that transitions.ts needs of the cloud. */
export interface TransitionTarget {
  instances: Map<string, InstanceRecord>;
  disks: Map<string, DiskRecord>;
  snapshots: Map<string, SnapshotRecord>;
  images: Map<string, ImageRecord>;
}

/** A ReplaceSystemDisk result remembered under its ClientToken. */
export interface ClientTokenRecord {
  Token: string;
  InstanceId: string;
  DiskId: string;
  /** Epoch ms when the token was first seen; it is forgotten --client-token-ttl later. */
  RememberedAt?: number;
  /** Set for tokens of other actions (model/client-tokens.ts): scoped per action, compared by fingerprint. */
  Action?: string;
  Fingerprint?: string;
  ResourceId?: string;
}

export interface CloudData {
  Instances: InstanceRecord[];
  Disks: DiskRecord[];
  Snapshots: SnapshotRecord[];
  Images: ImageRecord[];
  KeyPairs: KeyPairRecord[];
  KmsKeys: KmsKeyRecord[];
}
