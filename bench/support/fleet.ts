// A seed (README "Seed format": Describe*-shaped items) of `count` identical running instances,
// each with a system disk, one data disk and an accomplished snapshot of that data disk.
import { DEMO_ACCESS_KEY, type SeedFile } from "../../emulator";

export interface FleetMember {
  instanceId: string;
  diskId: string;
  snapshotId: string;
}

const IMAGE_ID = "m-bench-ubuntu";

export function fleetMember(i: number): FleetMember {
  const n = String(i + 1).padStart(3, "0");
  return { instanceId: `i-bench-${n}`, diskId: `d-bench-${n}-data`, snapshotId: `s-bench-${n}-data` };
}

/** `extraImageIds`: more Linux images, e.g. targets for ReplaceSystemDisk. */
export function fleetSeed(count: number, extraImageIds: string[] = []): SeedFile {
  const members = Array.from({ length: count }, (_, i) => fleetMember(i));
  return {
    AccessKeys: [{ ...DEMO_ACCESS_KEY }],
    Images: [IMAGE_ID, ...extraImageIds].map((ImageId) => ({ ImageId, OSType: "linux", Size: 20 })),
    Instances: members.map((m) => ({ InstanceId: m.instanceId, Status: "Running", ImageId: IMAGE_ID })),
    Disks: members.flatMap((m) => [
      { DiskId: `${m.instanceId.replace(/^i-/, "d-")}-system`, InstanceId: m.instanceId, Type: "system", ImageId: IMAGE_ID, Size: 40 },
      { DiskId: m.diskId, InstanceId: m.instanceId, Type: "data", Size: 100, Device: "/dev/xvdb" },
    ]),
    Snapshots: members.map((m) => ({
      SnapshotId: m.snapshotId, SourceDiskId: m.diskId, SourceDiskType: "Data", SourceDiskSize: "100", Status: "accomplished",
      CreationTime: "2025-01-01T02:00:00Z",
    })),
  };
}
