// Renders records as the Describe* response items (PascalCase, the SDK's field types). Each item
// is: the fields ECS always returns that the emulator derives (render/derived.ts), then whatever
// the seed item carried (Extra, so real values pasted from the API win), then the modelled fields.
import type { Cloud } from "../model/cloud";
import { contentVersionOf } from "../model/content";
import { RESIZABLE_TAG } from "../model/seed";
import { tagsOf } from "../model/tags";
import type { DiskRecord, ImageRecord, InstanceRecord, KeyPairRecord, SnapshotRecord } from "../model/types";
import {
  diskIops,
  EMULATOR_ACCOUNT_ID,
  hostName,
  instanceTypeShape,
  macAddress,
  networkInterfaceId,
  osNameEn,
  performanceLevel,
  privateIp,
  securityGroupId,
  serialNumber,
  snapshotLinkId,
  snapshotSerial,
  vpcId,
  vSwitchId,
} from "./derived";

/** What an instance of a VPC has without EIP, public IP, dedicated host, spot or deployment set. */
function instanceDefaults(i: InstanceRecord) {
  const shape = instanceTypeShape(i.InstanceType);
  const ip = privateIp(i.InstanceId);
  return {
    Cpu: shape.cpu,
    Memory: shape.memory,
    InstanceTypeFamily: shape.family,
    CpuOptions: { CoreCount: Math.max(1, shape.cpu / 2), ThreadsPerCore: shape.cpu > 1 ? 2 : 1, Numa: "" },
    GPUAmount: 0,
    GPUSpec: "",
    LocalStorageAmount: 0,
    LocalStorageCapacity: 0,
    HostName: hostName(i.InstanceId, i.OSType),
    Description: "",
    OSNameEn: osNameEn(i.OSName),
    SerialNumber: serialNumber(i.InstanceId),
    ResourceGroupId: "",
    AutoReleaseTime: "",
    DeletionProtection: false,
    DeviceAvailable: true,
    Recyclable: false,
    ClusterId: "",
    HpcClusterId: "",
    DeploymentSetId: "",
    VlanId: "",
    InternetChargeType: "PayByTraffic",
    InternetMaxBandwidthIn: 0,
    InternetMaxBandwidthOut: 0,
    SpotStrategy: "NoSpot",
    SpotPriceLimit: 0,
    SpotDuration: 0,
    SpotInterruptionBehavior: "Terminate",
    VpcAttributes: { VpcId: vpcId(i.RegionId), VSwitchId: vSwitchId(i.ZoneId), PrivateIpAddress: { IpAddress: [ip] }, NatIpAddress: "" },
    NetworkInterfaces: {
      NetworkInterface: [
        {
          NetworkInterfaceId: networkInterfaceId(i.InstanceId),
          Type: "Primary",
          MacAddress: macAddress(i.InstanceId),
          PrimaryIpAddress: ip,
          PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: ip, Primary: true, PrivateDnsName: "" }] },
          Ipv6Sets: { Ipv6Set: [] },
          Ipv4PrefixSets: { Ipv4PrefixSet: [] },
          Ipv6PrefixSets: { Ipv6PrefixSet: [] },
        },
      ],
    },
    SecurityGroupIds: { SecurityGroupId: [securityGroupId(i.RegionId)] },
    InnerIpAddress: { IpAddress: [] },
    PublicIpAddress: { IpAddress: [] },
    RdmaIpAddress: { IpAddress: [] },
    EipAddress: { AllocationId: "", IpAddress: "", Bandwidth: 0, InternetChargeType: "", IsSupportUnassociate: false },
    DedicatedHostAttribute: { DedicatedHostId: "", DedicatedHostName: "", DedicatedHostClusterId: "" },
    DedicatedInstanceAttribute: { Affinity: "", Tenancy: "" },
    EcsCapacityReservationAttr: { CapacityReservationId: "", CapacityReservationPreference: "" },
    HibernationOptions: { Configured: false },
    MetadataOptions: { HttpEndpoint: "enabled", HttpTokens: "optional", HttpPutResponseHopLimit: 1, InstanceMetadataTags: "disabled" },
  };
}

export function renderInstance(cloud: Cloud, i: InstanceRecord) {
  return {
    ...instanceDefaults(i),
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

function diskDefaults(d: DiskRecord) {
  const attachment = d.InstanceId ? [{ InstanceId: d.InstanceId, Device: d.Device, AttachedTime: d.CreationTime }] : [];
  return {
    Description: "",
    AttachedTime: d.InstanceId ? d.CreationTime : "",
    DetachedTime: "",
    // PostPaid disks show ECS's far-future expiry.
    ExpiredTime: "2999-09-08T16:00Z",
    IOPS: diskIops(d.Category, d.Size),
    PerformanceLevel: performanceLevel(d.Category),
    BurstingEnabled: false,
    SerialNumber: serialNumber(d.DiskId),
    ResourceGroupId: "",
    ProductCode: "",
    AutoSnapshotPolicyId: "",
    EnableAutoSnapshot: false,
    EnableAutomatedSnapshotPolicy: false,
    DeleteAutoSnapshot: true,
    StorageClusterId: "",
    StorageSetId: "",
    StorageSetPartitionNumber: 0,
    MountInstanceNum: d.MultiAttach === "Enabled" ? attachment.length : 0,
    MountInstances: { MountInstance: d.MultiAttach === "Enabled" ? attachment : [] },
  };
}

export function renderDisk(cloud: Cloud, d: DiskRecord) {
  return {
    ...diskDefaults(d),
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

/** Seconds until a progressing snapshot completes (0 once done). */
function remainTime(cloud: Cloud, s: SnapshotRecord, now = Date.now()): number {
  if (s.Status !== "progressing") return 0;
  const t = cloud.transitions.find((x) => x.Kind === "SnapshotComplete" && x.SnapshotId === s.SnapshotId);
  return t ? Math.max(0, Math.ceil((t.DueAt - now) / 1000)) : 0;
}

function snapshotDefaults(cloud: Cloud, s: SnapshotRecord) {
  return {
    Category: "standard",
    SourceStorageType: "disk",
    SnapshotLinkId: snapshotLinkId(s.SourceDiskId),
    SnapshotSN: snapshotSerial(s.SnapshotId),
    LastModifiedTime: s.CreationTime,
    RemainTime: remainTime(cloud, s),
    ResourceGroupId: "",
    ProductCode: "",
  };
}

export function renderSnapshot(cloud: Cloud, s: SnapshotRecord) {
  return {
    ...snapshotDefaults(cloud, s),
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

function imageDefaults(m: ImageRecord) {
  const self = m.ImageOwnerAlias === "self";
  return {
    OSNameEn: osNameEn(m.OSName),
    BootMode: "BIOS",
    ImageOwnerId: self ? EMULATOR_ACCOUNT_ID : 0,
    IsPublic: m.ImageOwnerAlias === "system",
    IsCopied: false,
    IsSelfShared: "",
    IsSubscribed: false,
    IsSupportCloudinit: true,
    LoginAsNonRootSupported: false,
    LicenseType: "Auto",
    ImageFamily: "",
    ImageVersion: "",
    SupplierName: "",
    ProductCode: "",
    ResourceGroupId: "",
  };
}

export function renderImage(cloud: Cloud, m: ImageRecord) {
  const tags = cloud.tags.read(m).filter((t) => t.TagKey !== RESIZABLE_TAG);
  if (!m.Resizable) tags.push({ TagKey: RESIZABLE_TAG, TagValue: "false" });
  const progress = imageProgress(cloud, m);
  return {
    ...imageDefaults(m),
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
    Progress: progress,
    // Usable: ReplaceSystemDisk (or RunInstances) can use it now.
    Usable: m.Status === "Available",
    // The system disk mapping; its SnapshotId is the custom image's snapshot ("" for public images).
    DiskDeviceMappings: {
      DiskDeviceMapping: [
        {
          SnapshotId: m.SnapshotId,
          Size: String(m.Size),
          Device: "/dev/xvda",
          Type: "system",
          Format: "",
          ImportOSSBucket: "",
          ImportOSSObject: "",
          Progress: progress,
          RemainTime: 0,
          Encrypted: false,
        },
      ],
    },
    Tags: { Tag: tags },
  };
}

export function renderKeyPair(_cloud: Cloud, k: KeyPairRecord) {
  return {
    ResourceGroupId: "",
    Tags: { Tag: [] },
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
