// DescribeSnapshots.
import { renderSnapshot } from "../render/resources";
import type { ActionDef } from "./context";
import { page } from "./paging";
import { regionParam } from "./preconditions";

const describeSnapshots: ActionDef = {
  mutates: false,
  handle({ cloud, params }) {
    const region = regionParam(params);
    const ids = params.jsonIds("SnapshotIds", 100);
    const diskId = params.str("DiskId");
    const instanceId = params.str("InstanceId");
    const status = params.oneOf("Status", ["progressing", "accomplished", "failed", "all"] as const) ?? "all";
    const type = params.oneOf("SnapshotType", ["auto", "user", "all"] as const) ?? "all";
    const all = [...cloud.snapshots.values()].filter(
      (s) =>
        s.RegionId === region &&
        (ids === undefined || ids.includes(s.SnapshotId)) &&
        (diskId === undefined || s.SourceDiskId === diskId) &&
        (instanceId === undefined || cloud.disks.get(s.SourceDiskId)?.InstanceId === instanceId) &&
        (status === "all" || s.Status === status) &&
        (type === "all" || s.SnapshotType === type),
    );
    const p = page(all, params, 100);
    return {
      Snapshots: { Snapshot: p.items.map((s) => renderSnapshot(cloud, s)) },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
};

export const SNAPSHOT_ACTIONS: Record<string, ActionDef> = { DescribeSnapshots: describeSnapshots };
