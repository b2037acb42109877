// What each in-flight operation does when it completes. Pure mutations of the cloud's records.
import { isoNow } from "./ids";
import type { Transition, TransitionTarget } from "./types";

/** Lock reason shown in OperationLocks while an operation runs on the instance. */
export const TRANSITION_LOCKS: Partial<Record<Transition["Kind"], { reason: string; message: string }>> = {
  DiskReset: { reason: "resetDisk", message: "A disk of the instance is being reset." },
  SystemDiskReplace: { reason: "replaceSystemDisk", message: "The system disk of the instance is being replaced." },
};

export function completeTransition(cloud: TransitionTarget, t: Transition): void {
  switch (t.Kind) {
    case "InstanceStop": {
      const inst = cloud.instances.get(t.InstanceId);
      if (inst && inst.Status === "Stopping") {
        inst.Status = "Stopped";
        inst.StoppedMode = t.StoppedMode;
      }
      return;
    }
    case "InstanceStart": {
      const inst = cloud.instances.get(t.InstanceId);
      if (inst && inst.Status === "Starting") {
        inst.Status = "Running";
        inst.StoppedMode = "Not-applicable";
        inst.StartTime = isoNow(t.DueAt);
      }
      return;
    }
    case "DiskReset": {
      const disk = cloud.disks.get(t.DiskId);
      if (disk && disk.Status === "ReIniting") disk.Status = t.StatusAfter;
      return;
    }
    case "SystemDiskReplace": {
      const inst = cloud.instances.get(t.InstanceId);
      const fresh = cloud.disks.get(t.NewDiskId);
      const old = cloud.disks.get(t.OldDiskId);
      if (!inst || !fresh) return;
      fresh.InstanceId = inst.InstanceId;
      fresh.Status = "In_use";
      fresh.Type = "system";
      fresh.Device = old?.Device || "/dev/xvda";
      if (old && old.DiskId !== fresh.DiskId) cloud.disks.delete(old.DiskId);
      const image = cloud.images.get(t.ImageId);
      inst.ImageId = t.ImageId;
      if (image) {
        inst.OSType = image.OSType;
        inst.OSName = image.OSName;
      }
      inst.KeyPairName = t.KeyPairName;
      return;
    }
    case "SnapshotComplete": {
      const snap = cloud.snapshots.get(t.SnapshotId);
      if (snap && snap.Status === "progressing") {
        snap.Status = "accomplished";
        snap.Progress = "100%";
      }
      return;
    }
    case "ImageComplete": {
      const image = cloud.images.get(t.ImageId);
      if (image && image.Status === "Creating") image.Status = "Available";
      return;
    }
  }
}
