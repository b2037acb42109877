// ResetDisk, ResetDisks, DescribeDisks.
import type { Cloud } from "../model/cloud";
import { contentVersionOf } from "../model/content";
import { BASE_SECONDS } from "../model/durations";
import { matchesTags, tagsOf } from "../model/tags";
import type { DiskRecord, SnapshotRecord } from "../model/types";
import { ApiError, apiError, missing } from "../protocol/errors";
import { renderDisk } from "../render/resources";
import type { ActionDef } from "./context";
import { tokenPage } from "./paging";
import { assertOperable, findDisk, findSnapshot, finishDryRun, LOCAL_DISK, OLDEST_USABLE_SNAPSHOT, regionParam } from "./preconditions";
import { tagFilters } from "./tags";

interface ResetPlan {
  disk: DiskRecord;
  snap: SnapshotRecord;
}

/** Every ResetDisk precondition of the seeds, in the order ECS reports them. */
function planReset(cloud: Cloud, diskId: string, snapshotId: string, action: string, regionId?: string): ResetPlan {
  const disk = findDisk(cloud, diskId, action, regionId);
  const snap = findSnapshot(cloud, snapshotId, action, disk.RegionId);
  const inst = disk.InstanceId ? cloud.instances.get(disk.InstanceId) : undefined;
  if (disk.InstanceId && !inst) throw apiError("InvalidInstanceId.NotFound", action);
  if (inst) assertOperable(cloud, inst, action);
  if (LOCAL_DISK(disk.Category)) throw apiError("DiskCategory.OperationNotSupported", action);
  if (disk.MultiAttach === "Enabled") throw apiError("InvalidOperation.MultiAttachDisk", action);
  if (disk.Status === "ReIniting") throw apiError("InvalidOperation.DiskResetInProgress", action);
  if (disk.Status !== "In_use" && disk.Status !== "Available") throw apiError("IncorrectDiskStatus", action);
  if (snap.SourceDiskId !== disk.DiskId || (snap.Encrypted && !disk.Encrypted)) throw apiError("InvalidParameter.Mismatch", action);
  if (snap.Status === "progressing") throw apiError("InvalidSnapshotId.NotReady", action);
  if (snap.Status !== "accomplished") throw apiError("OperationDenied", action);
  if (Date.parse(snap.CreationTime) < OLDEST_USABLE_SNAPSHOT) throw apiError("InvalidSnapshot.TooOld", action);
  if (cloud.hasUnfinishedSnapshot(disk.DiskId)) throw apiError("IncorrectDiskStatus.HasUnfinishedSnapshot", action);
  if (inst && (inst.Status !== "Stopped" || cloud.replacementInFlight(inst.InstanceId))) throw apiError("IncorrectInstanceStatus", action);
  return { disk, snap };
}

/** The disk goes ReIniting (the instance holds an operation lock) until the reset completes. */
function applyReset(cloud: Cloud, { disk, snap }: ResetPlan): void {
  const statusAfter = disk.Status;
  disk.Status = "ReIniting";
  disk.SourceSnapshotId = snap.SnapshotId;
  disk.ContentVersion = contentVersionOf(snap, snap.SnapshotId); // the disk now holds the snapshot's data
  cloud.startTransition({ Kind: "DiskReset", DiskId: disk.DiskId, InstanceId: disk.InstanceId, StatusAfter: statusAfter }, BASE_SECONDS.reset);
}

const resetDisk: ActionDef = {
  mutates: true,
  handle({ cloud, params, action }) {
    const plan = planReset(cloud, params.required("DiskId"), params.required("SnapshotId"), action, params.str("RegionId"));
    finishDryRun(params);
    applyReset(cloud, plan);
    return {};
  },
};

/** Per-disk outcomes go into OperationProgressSet; only request-level problems are HTTP errors. */
const resetDisks: ActionDef = {
  mutates: true,
  handle({ cloud, params, action }) {
    const region = regionParam(params);
    const disks = params.repeatedObjects("Disk", ["DiskId", "SnapshotId"], 10);
    if (disks.length === 0) throw missing("Disk.1.DiskId", action);
    for (const { index, values } of disks) {
      if (!values.DiskId) throw missing(`Disk.${index}.DiskId`, action);
      if (!values.SnapshotId) throw missing(`Disk.${index}.SnapshotId`, action);
    }
    if (params.bool("DryRun")) {
      for (const { values } of disks) planReset(cloud, values.DiskId!, values.SnapshotId!, action, region);
      finishDryRun(params);
    }
    const OperationProgress = disks.map(({ values }) => {
      const diskId = values.DiskId!;
      const snapshotId = values.SnapshotId!;
      const RelatedItemSet = { RelatedItem: [{ Name: "SnapshotId", Value: snapshotId }, { Name: "DiskId", Value: diskId }] };
      try {
        applyReset(cloud, planReset(cloud, diskId, snapshotId, action, region));
        return { OperationStatus: "Success", ErrorCode: "", ErrorMsg: "", RelatedItemSet };
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        return { OperationStatus: "Failed", ErrorCode: e.code, ErrorMsg: e.message, RelatedItemSet };
      }
    });
    return { OperationProgressSet: { OperationProgress } };
  },
};

const describeDisks: ActionDef = {
  mutates: false,
  handle({ cloud, params }) {
    const region = regionParam(params);
    const ids = params.jsonIds("DiskIds", 100);
    const instanceId = params.str("InstanceId");
    const type = params.oneOf("DiskType", ["all", "system", "data"] as const) ?? "all";
    const status = params.str("Status");
    const category = params.str("Category");
    const zone = params.str("ZoneId");
    const snapshotId = params.str("SnapshotId");
    const tags = tagFilters(params);
    const all = [...cloud.disks.values()].filter(
      (d) =>
        d.RegionId === region &&
        (ids === undefined || ids.includes(d.DiskId)) &&
        (instanceId === undefined || d.InstanceId === instanceId) &&
        (type === "all" || d.Type === type) &&
        (status === undefined || status === "All" || d.Status === status) &&
        (category === undefined || category === "all" || d.Category === category) &&
        (zone === undefined || d.ZoneId === zone) &&
        (snapshotId === undefined || d.SourceSnapshotId === snapshotId) &&
        matchesTags(cloud.tags.read(d), tags),
    );
    const p = tokenPage(all, params, 100, { min: 10, max: 500 });
    finishDryRun(params);
    return {
      Disks: { Disk: p.items.map((d) => renderDisk(cloud, d)) },
      NextToken: p.NextToken,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
};

export const DISK_ACTIONS: Record<string, ActionDef> = {
  ResetDisk: resetDisk,
  ResetDisks: resetDisks,
  DescribeDisks: describeDisks,
};
