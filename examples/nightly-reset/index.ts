// Nightly reset of a staging fleet: every listed instance's disks go back to their golden
// snapshots. A scheduled pipeline sets `resetDate` (e.g. `pulumi config set resetDate 2026-11-22`)
// before `pulumi up`; the changed trigger re-runs every rollback, nothing else changes, and an
// `up` with the same date does nothing at all.
// Preset for the embedded ECS emulator's demo fleet; set `fleet` (JSON) to your own instances.
import * as pulumi from "@pulumi/pulumi";
import { DiskRestore } from "pulumi-alicloud-diskops";

interface FleetMember {
  instanceId: string;
  disks: { diskId: string; snapshotId: string }[];
}

const config = new pulumi.Config();
const fleet = config.getObject<FleetMember[]>("fleet") ?? [
  {
    instanceId: "i-demo-web-1",
    disks: [
      { diskId: "d-demo-web-1-data-1", snapshotId: "s-demo-web-1-data-1-20250101" },
      { diskId: "d-demo-web-1-data-2", snapshotId: "s-demo-web-1-data-2-20250101" },
    ],
  },
];
const resetDate = config.get("resetDate") ?? "initial";

export const resets = fleet.map((member) => {
  const reset = new DiskRestore(`staging-reset-${member.instanceId}`, {
    instanceId: member.instanceId,
    disks: member.disks,
    // One ResetDisks call per instance; leave the staging box running afterwards.
    strategy: "batch",
    powerPolicy: "start",
    triggers: { resetDate },
  });
  return { instanceId: member.instanceId, restoredAt: reset.restoredAt, status: reset.instanceStatusAfter };
});
