// The demo fleet loaded when the emulator starts without a seed. Ids are stable and readable so
// docs, examples and tests can refer to them. Each resource exists to show one behaviour.
import type { SeedFile } from "./model/seed";

export const DEMO_ACCESS_KEY = {
  AccessKeyId: "diskops-demo-ak",
  AccessKeySecret: "diskops-demo-secret",
} as const;

export const DEMO_REGION = "cn-hangzhou";

/** Ids of the demo fleet, by role. */
export const DEMO_IDS = {
  instances: {
    /** Running Linux web server: system disk + 2 data disks, accomplished snapshots of each. */
    web: "i-demo-web-1",
    /** Stopped Linux batch host; one data disk has a snapshot still in progress. */
    batch: "i-demo-batch-1",
    /** Running Windows server (key pairs are refused for Windows images). */
    windows: "i-demo-win-1",
    /** Stopped, locked for security: every operation fails with InstanceLockedForSecurity. */
    locked: "i-demo-locked-1",
    /** Expired subscription: operations fail with InstanceExpiredOrInArrears. */
    expired: "i-demo-expired-1",
  },
  disks: {
    webSystem: "d-demo-web-1-system",
    webData1: "d-demo-web-1-data-1",
    webData2: "d-demo-web-1-data-2",
    batchSystem: "d-demo-batch-1-system",
    batchData1: "d-demo-batch-1-data-1",
    /** Local (ephemeral) disk: DiskCategory.OperationNotSupported. */
    batchLocal: "d-demo-batch-1-local",
    /** Multi-attach data disk: InvalidOperation.MultiAttachDisk. */
    batchShared: "d-demo-batch-1-shared",
    windowsSystem: "d-demo-win-1-system",
    lockedSystem: "d-demo-locked-1-system",
    expiredSystem: "d-demo-expired-1-system",
  },
  snapshots: {
    webSystem: "s-demo-web-1-system-20250101",
    webData1: "s-demo-web-1-data-1-20250101",
    /** A later snapshot of data disk 1: the demo's "roll back to another snapshot" step. */
    webData1Later: "s-demo-web-1-data-1-20250201",
    webData2: "s-demo-web-1-data-2-20250101",
    /** Encrypted copy of a snapshot of the unencrypted data disk 1: InvalidParameter.Mismatch. */
    webData1Encrypted: "s-demo-web-1-data-1-encrypted",
    /** Taken before 2013-07-15: InvalidSnapshot.TooOld. */
    webData2TooOld: "s-demo-web-1-data-2-20130101",
    batchSystem: "s-demo-batch-1-system-20250101",
    batchData1: "s-demo-batch-1-data-1-20250101",
    /** Still progressing (completes 120 s x time scale after start): NotReady / HasUnfinishedSnapshot. */
    batchData1Progressing: "s-demo-batch-1-data-1-progressing",
    batchShared: "s-demo-batch-1-shared-20250101",
    windowsSystem: "s-demo-win-1-system-20250101",
    lockedSystem: "s-demo-locked-1-system-20250101",
    expiredSystem: "s-demo-expired-1-system-20250101",
  },
  images: {
    ubuntu2204: "m-ubuntu-22-04",
    ubuntu2404: "m-ubuntu-24-04",
    /** Cannot be resized: SystemDisk.Size must be exactly 30. */
    debianFixed: "m-debian-12-fixed-30g",
    /** 80 GiB image: sizes below 80 fail LessThanImageSize. */
    centosLarge: "m-centos-7-large-80g",
    windows2022: "m-win2022-datacenter",
    /** Deprecated: OperationDenied.ImageNotValid. */
    deprecated: "m-ubuntu-18-04-deprecated",
  },
  keyPairs: { demo: "kp-demo" },
  kmsKeys: { enabled: "kms-demo-key", disabled: "kms-demo-key-disabled" },
} as const;

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const M = DEMO_IDS.images;
const SNAP_TIME = "2025-01-01T02:00:00Z";

function systemDisk(id: string, instanceId: string, imageId: string, size = 40) {
  return { DiskId: id, InstanceId: instanceId, Type: "system", Device: "/dev/xvda", Category: "cloud_essd", Size: size, ImageId: imageId };
}
function dataDisk(id: string, instanceId: string, device: string, size: number, extra: Record<string, unknown> = {}) {
  return { DiskId: id, InstanceId: instanceId, Type: "data", Device: device, Category: "cloud_essd", Size: size, ...extra };
}
function snapshot(id: string, diskId: string, type: "System" | "Data", size: number, extra: Record<string, unknown> = {}) {
  return {
    SnapshotId: id, SourceDiskId: diskId, SourceDiskType: type, SourceDiskSize: String(size),
    Status: "accomplished", Progress: "100%", CreationTime: SNAP_TIME, ...extra,
  };
}

export const DEMO_FLEET: SeedFile = {
  AccessKeys: [{ ...DEMO_ACCESS_KEY }],
  Instances: [
    { InstanceId: I.web, InstanceName: "web-1", Status: "Running", ImageId: M.ubuntu2204, OSType: "linux", OSName: "Ubuntu 22.04 64位", KeyPairName: "kp-demo" },
    { InstanceId: I.batch, InstanceName: "batch-1", Status: "Stopped", StoppedMode: "KeepCharging", ImageId: M.ubuntu2204, OSType: "linux", OSName: "Ubuntu 22.04 64位" },
    { InstanceId: I.windows, InstanceName: "win-1", Status: "Running", ImageId: M.windows2022, OSType: "windows", OSName: "Windows Server 2022 数据中心版 64位中文版" },
    { InstanceId: I.locked, InstanceName: "locked-1", Status: "Stopped", ImageId: M.ubuntu2204, OSType: "linux", OperationLocks: { LockReason: [{ LockReason: "security" }] } },
    {
      InstanceId: I.expired, InstanceName: "expired-1", Status: "Stopped", ImageId: M.ubuntu2204, OSType: "linux",
      InstanceChargeType: "PrePaid", ExpiredTime: "2024-06-30T16:00Z", StoppedMode: "Not-applicable",
      OperationLocks: { LockReason: [{ LockReason: "financial" }] },
    },
  ],
  Disks: [
    systemDisk(D.webSystem, I.web, M.ubuntu2204),
    dataDisk(D.webData1, I.web, "/dev/xvdb", 100),
    dataDisk(D.webData2, I.web, "/dev/xvdc", 200),
    systemDisk(D.batchSystem, I.batch, M.ubuntu2204),
    dataDisk(D.batchData1, I.batch, "/dev/xvdb", 500),
    dataDisk(D.batchLocal, I.batch, "/dev/xvdc", 894, { Category: "ephemeral_ssd", Portable: false }),
    dataDisk(D.batchShared, I.batch, "/dev/xvdd", 100, { MultiAttach: "Enabled" }),
    systemDisk(D.windowsSystem, I.windows, M.windows2022),
    systemDisk(D.lockedSystem, I.locked, M.ubuntu2204),
    systemDisk(D.expiredSystem, I.expired, M.ubuntu2204),
  ],
  Snapshots: [
    snapshot(S.webSystem, D.webSystem, "System", 40),
    snapshot(S.webData1, D.webData1, "Data", 100),
    snapshot(S.webData1Later, D.webData1, "Data", 100, { CreationTime: "2025-02-01T02:00:00Z" }),
    snapshot(S.webData2, D.webData2, "Data", 200),
    snapshot(S.webData1Encrypted, D.webData1, "Data", 100, { Encrypted: true, KMSKeyId: DEMO_IDS.kmsKeys.enabled }),
    snapshot(S.webData2TooOld, D.webData2, "Data", 200, { CreationTime: "2013-01-01T00:00:00Z" }),
    snapshot(S.batchSystem, D.batchSystem, "System", 40),
    snapshot(S.batchData1, D.batchData1, "Data", 500),
    snapshot(S.batchData1Progressing, D.batchData1, "Data", 500, { Status: "progressing", Progress: "0%", CompletesInSeconds: 120 }),
    snapshot(S.batchShared, D.batchShared, "Data", 100),
    snapshot(S.windowsSystem, D.windowsSystem, "System", 40),
    snapshot(S.lockedSystem, D.lockedSystem, "System", 40),
    snapshot(S.expiredSystem, D.expiredSystem, "System", 40),
  ],
  Images: [
    { ImageId: M.ubuntu2204, ImageName: "ubuntu_22_04_x64_20G_alibase_20250101.vhd", OSType: "linux", OSName: "Ubuntu 22.04 64位", Platform: "Ubuntu", Size: 20 },
    { ImageId: M.ubuntu2404, ImageName: "ubuntu_24_04_x64_20G_alibase_20250101.vhd", OSType: "linux", OSName: "Ubuntu 24.04 64位", Platform: "Ubuntu", Size: 20 },
    { ImageId: M.debianFixed, ImageName: "debian-12-appliance-fixed-30g", OSType: "linux", OSName: "Debian 12 64位", Platform: "Debian", Size: 30, ImageOwnerAlias: "self", Resizable: false },
    { ImageId: M.centosLarge, ImageName: "centos-7-golden-80g", OSType: "linux", OSName: "CentOS 7.9 64位", Platform: "CentOS", Size: 80, ImageOwnerAlias: "self" },
    { ImageId: M.windows2022, ImageName: "win2022_21H2_x64_dtc_zh-cn_40G_alibase_20250101.vhd", OSType: "windows", OSName: "Windows Server 2022 数据中心版 64位中文版", Platform: "Windows Server 2022", Size: 40 },
    { ImageId: M.deprecated, ImageName: "ubuntu_18_04_x64_20G_alibase_20200101.vhd", OSType: "linux", OSName: "Ubuntu 18.04 64位", Platform: "Ubuntu", Size: 20, Status: "Deprecated" },
  ],
  KeyPairs: [{ KeyPairName: DEMO_IDS.keyPairs.demo, KeyPairFingerPrint: "89:f0:ba:62:ac:6b:3e:3c:4f:1a:b7:9c:0e:11:d8:2a" }],
  KmsKeys: [
    { KeyId: DEMO_IDS.kmsKeys.enabled, KeyState: "Enabled" },
    { KeyId: DEMO_IDS.kmsKeys.disabled, KeyState: "Disabled" },
  ],
};
