// The ECS access layer's contract. Everything above this file (operations, resource logic)
// talks to ECS only through `EcsApi`; everything below it (SDK client, retries, errors) is hidden.
// Field names are camelCase versions of the Describe* response items.

export type InstanceStatus = "Pending" | "Running" | "Starting" | "Stopping" | "Stopped";
export type DiskStatus = "In_use" | "Available" | "Attaching" | "Detaching" | "Creating" | "ReIniting";

export interface InstanceInfo {
  instanceId: string;
  regionId: string;
  zoneId?: string;
  status: InstanceStatus;
  imageId: string;
  osType: "linux" | "windows";
  instanceChargeType?: string; // PrePaid | PostPaid
  expiredTime?: string;
  stoppedMode?: string; // KeepCharging | StopCharging | Not-applicable
  /** LockReason values, e.g. "security", "financial", "expired". Empty when unlocked. */
  operationLocks: string[];
  /** The instance's tags (DescribeInstances `Tags`), key -> value. */
  tags?: Record<string, string>;
}

export interface DiskInfo {
  diskId: string;
  regionId: string;
  zoneId?: string;
  instanceId?: string; // empty when unattached
  type: "system" | "data";
  status: DiskStatus | string;
  imageId?: string;
  sourceSnapshotId?: string;
  size: number; // GiB
  category: string; // cloud_essd, cloud_efficiency, ephemeral_ssd, ...
  encrypted: boolean;
  kmsKeyId?: string;
  multiAttach?: string; // "Enabled" | "Disabled"
  operationLocks: string[];
}

export interface SnapshotInfo {
  snapshotId: string;
  regionId?: string;
  sourceDiskId: string;
  status: "progressing" | "accomplished" | "failed" | string;
  progress?: string; // "100%"
  creationTime?: string;
  encrypted?: boolean;
  snapshotName?: string;
  /** user (manual) | auto */
  snapshotType?: string;
  /** Instant access: usable to roll back or create disks while still progressing. */
  available?: boolean;
  retentionDays?: number;
  /** Resource tags, key -> value. */
  tags?: Record<string, string>;
}

/** DescribeSnapshots filters (all optional; combined with AND). */
export interface SnapshotFilter {
  diskId?: string;
  status?: "progressing" | "accomplished" | "failed";
  snapshotType?: "auto" | "user";
  /** Every tag must be present with that value. */
  tags?: Record<string, string>;
}

export interface CreateSnapshotParams {
  diskId: string;
  snapshotName?: string;
  description?: string;
  /** 1-65536 days; ECS releases the snapshot after that. Unset: kept until deleted. */
  retentionDays?: number;
  clientToken?: string;
  tags?: Record<string, string>;
}

export interface CreateImageParams {
  regionId: string;
  /** A snapshot of a system disk (the undo route for a replaced system disk). */
  snapshotId: string;
  imageName?: string;
  description?: string;
  clientToken?: string;
  tags?: Record<string, string>;
}

export interface ImageInfo {
  imageId: string;
  regionId?: string;
  osType: "linux" | "windows";
  /** Image size in GiB. */
  size: number;
  status: string; // Available | Creating | Deprecated | ...
  isSupportIoOptimized?: boolean;
  /** false when the image cannot be resized (SystemDisk.Size must equal the image size). */
  resizable?: boolean;
  platform?: string;
  osName?: string;
}

export interface KeyPairInfo {
  keyPairName: string;
  keyPairFingerPrint?: string;
}

/** Resource types the tag actions take (ECS `ResourceType`). */
export type TaggableResourceType = "instance" | "disk" | "snapshot" | "image";

export interface RequestResult {
  requestId: string;
}

export interface StopOptions {
  forceStop?: boolean;
  stoppedMode?: "KeepCharging" | "StopCharging";
  dryRun?: boolean;
}

export interface ResetDisksItemResult {
  diskId: string;
  snapshotId: string;
  status: "Success" | "Failed" | string;
  errorCode?: string;
  errorMsg?: string;
}

export interface ReplaceSystemDiskParams {
  instanceId: string;
  imageId: string;
  systemDiskSize?: number;
  password?: string;
  passwordInherit?: boolean;
  keyPairName?: string;
  encrypted?: boolean;
  kmsKeyId?: string;
  securityEnhancementStrategy?: "Active" | "Deactive";
  useAdditionalService?: boolean;
  clientToken?: string;
}

/**
 * One region-agnostic handle on ECS. Every method retries throttling, 5xx and network errors
 * (see retry.ts) and throws `EcsError` (errors.ts) for everything else.
 */
export interface EcsApi {
  describeInstances(regionId: string, instanceIds: string[]): Promise<InstanceInfo[]>;
  describeDisks(regionId: string, filter: { diskIds?: string[]; instanceId?: string }): Promise<DiskInfo[]>;
  /**
   * Snapshots by id; with `filter.status` only those in that status. No ids with a status filter
   * lists the whole region (e.g. every snapshot still `progressing`, which ResetDisk refuses to reset over).
   */
  describeSnapshots(regionId: string, snapshotIds: string[], filter?: { status?: "progressing" | "accomplished" | "failed" }): Promise<SnapshotInfo[]>;
  /** Every snapshot matching the filter (all pages). */
  findSnapshots(regionId: string, filter: SnapshotFilter): Promise<SnapshotInfo[]>;
  describeImage(regionId: string, imageId: string): Promise<ImageInfo | undefined>;
  describeKeyPair(regionId: string, keyPairName: string): Promise<KeyPairInfo | undefined>;
  /** Regions are needed to infer a resource's region when the user gives none. */
  describeRegions(): Promise<string[]>;

  stopInstance(instanceId: string, opts?: StopOptions): Promise<RequestResult>;
  startInstance(instanceId: string, opts?: { dryRun?: boolean }): Promise<RequestResult>;
  resetDisk(diskId: string, snapshotId: string, opts?: { dryRun?: boolean }): Promise<RequestResult>;
  resetDisks(
    regionId: string,
    disks: { diskId: string; snapshotId: string }[],
    opts?: { dryRun?: boolean },
  ): Promise<RequestResult & { results: ResetDisksItemResult[] }>;
  replaceSystemDisk(params: ReplaceSystemDiskParams): Promise<RequestResult & { diskId: string }>;
  /** Per-resource action (no RegionId on the wire): the disk's region must be known from a Describe. */
  createSnapshot(params: CreateSnapshotParams): Promise<RequestResult & { snapshotId: string }>;
  createImage(params: CreateImageParams): Promise<RequestResult & { imageId: string }>;

  /**
   * TagResources: sets (or overwrites) the same tags on 1 to 50 resources of one type. At most 20
   * tags per call. One unknown id fails the whole call.
   */
  tagResources(regionId: string, type: TaggableResourceType, resourceIds: string | string[], tags: Record<string, string>): Promise<RequestResult>;
  /** UntagResources: removes the named tag keys (at most 20) from 1 to 50 resources (absent keys are fine). */
  untagResources(regionId: string, type: TaggableResourceType, resourceIds: string | string[], keys: string[]): Promise<RequestResult>;
  /** ListTagResources: every tag of one resource (all pages), key -> value. */
  listTagResources(regionId: string, type: TaggableResourceType, resourceId: string): Promise<Record<string, string>>;
  /** ECS's clock (ms since epoch), from the Date header of its answers; absent: use the local clock. */
  cloudNow?(): number;
}
