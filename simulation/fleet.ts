// The cloud every simulation run starts from: up to three Linux instances, each with a system disk,
// two data disks and two finished snapshots of each data disk, and two images to replace system
// disks with. Which instances start Running or Stopped is drawn per seed (scenario.ts).
import type { SeedFile } from "../emulator/model/seed";

export const REGION = "cn-hangzhou";
export const IMAGES = ["m-sim-alpha", "m-sim-beta"] as const;
export const SNAPSHOT_LABELS = ["a", "b"] as const;
const SNAP_TIME = "2025-06-01T02:00:00Z";

export const instanceId = (n: number) => `i-sim-${n}`;
export const systemDiskId = (n: number) => `d-sim-${n}-sys`;
export const dataDiskId = (n: number, k: number) => `d-sim-${n}-data-${k}`;
export const snapshotId = (diskId: string, label: string) => `s-${diskId.slice(2)}-${label}`;

/** Data disks of instance n (1-based). */
export function dataDisks(n: number): string[] {
  return [dataDiskId(n, 1), dataDiskId(n, 2)];
}

export function fleetSeed(statuses: ("Running" | "Stopped")[]): SeedFile {
  const instances: Record<string, unknown>[] = [];
  const disks: Record<string, unknown>[] = [];
  const snapshots: Record<string, unknown>[] = [];
  statuses.forEach((status, i) => {
    const n = i + 1;
    const id = instanceId(n);
    instances.push({ InstanceId: id, InstanceName: `sim-${n}`, Status: status, ImageId: IMAGES[0], OSType: "linux", OSName: "Linux" });
    disks.push({ DiskId: systemDiskId(n), InstanceId: id, Type: "system", Device: "/dev/xvda", Size: 40, ImageId: IMAGES[0] });
    dataDisks(n).forEach((diskId, k) => {
      disks.push({ DiskId: diskId, InstanceId: id, Type: "data", Device: `/dev/xvd${"bc"[k]}`, Size: 100 });
      for (const label of SNAPSHOT_LABELS) {
        snapshots.push({
          SnapshotId: snapshotId(diskId, label), SourceDiskId: diskId, SourceDiskType: "Data", SourceDiskSize: "100",
          Status: "accomplished", Progress: "100%", CreationTime: SNAP_TIME,
        });
      }
    });
  });
  return {
    Instances: instances,
    Disks: disks,
    Snapshots: snapshots,
    Images: IMAGES.map((ImageId) => ({ ImageId, ImageName: ImageId, OSType: "linux", OSName: "Linux", Platform: "Ubuntu", Size: 20 })),
  } as SeedFile;
}
