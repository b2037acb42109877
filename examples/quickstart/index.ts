// Quickstart: roll a data disk back to a snapshot, and give a web server a new OS image.
// Preset for the embedded ECS emulator's demo fleet; point it at your own ids with
// `pulumi config set dataDiskId d-...` etc. (see README "Quickstart").
import * as pulumi from "@pulumi/pulumi";
import { DiskRestore, SystemDiskReplacement } from "pulumi-alicloud-diskops";

const config = new pulumi.Config();

// Roll the database's data disk back to a known-good snapshot. The instance is stopped for the
// rollback and started again afterwards (powerPolicy "restore": the state it had before).
const dbRollback = new DiskRestore("db-rollback", {
  disks: [
    {
      diskId: config.get("dataDiskId") ?? "d-demo-web-1-data-1",
      snapshotId: config.get("dataSnapshotId") ?? "s-demo-web-1-data-1-20250101",
    },
  ],
  timeouts: { stop: "5m", restore: "20m", start: "5m" },
});

// Give the web server a new OS image on a 60 GiB system disk, logging in with a key pair.
const webOs = new SystemDiskReplacement("web-os", {
  instanceId: config.get("webInstanceId") ?? "i-demo-web-1",
  imageId: config.get("webImageId") ?? "m-ubuntu-22-04",
  systemDiskSize: config.getNumber("webSystemDiskSize") ?? 60,
  keyPairName: config.get("keyPairName") ?? "kp-demo",
});

export const rolledBackDisks = dbRollback.results;
export const dbInstanceStatus = dbRollback.instanceStatusAfter;
export const webSystemDiskId = webOs.systemDiskId;
export const webPreviousImageId = webOs.previousImageId;
