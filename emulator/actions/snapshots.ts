// CreateSnapshot, DeleteSnapshot, DescribeSnapshots. A new snapshot is progressing for
// BASE_SECONDS.snapshot x time scale, then accomplished; it keeps its disk's content version.
import type { Cloud } from "../model/cloud";
import { paramsFingerprint, recallClientToken, rememberClientToken } from "../model/client-tokens";
import { contentVersionOf } from "../model/content";
import { BASE_SECONDS } from "../model/durations";
import { isoNow, newResourceId } from "../model/ids";
import { matchesTags, tagsOf } from "../model/tags";
import type { DiskRecord, SnapshotRecord } from "../model/types";
import { AUTH_PARAMS } from "../protocol/auth";
import { apiError } from "../protocol/errors";
import type { Params } from "../protocol/params";
import { renderSnapshot } from "../render/resources";
import type { ActionContext, ActionDef } from "./context";
import { tokenPage } from "./paging";
import { findDisk, finishDryRun, LOCAL_DISK, regionParam } from "./preconditions";
import { tagFilters, tagParams } from "./tags";

/** Manual snapshots one disk may hold (ECS's documented limit). */
export const MAX_MANUAL_SNAPSHOTS_PER_DISK = 256;

/** Parameters that never change what a request asks for (compared for ClientToken reuse). */
export const NOT_REQUEST_PARAMS = [...AUTH_PARAMS, "Action", "Version", "Format"];

const startsWithUrl = (s: string) => /^https?:\/\//i.test(s);

/** 2–128 characters, a letter first, not `auto…` (reserved for automatic snapshots), no URL. */
function snapshotName(params: Params): string {
  const name = params.str("SnapshotName");
  if (name === undefined) return "";
  const ok = /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_.-]{1,127}$/.test(name) && !/^auto/i.test(name) && !startsWithUrl(name);
  if (!ok) throw apiError("InvalidSnapshotName.Malformed", params.action);
  return name;
}

/** 2–256 characters, not starting with http:// or https:// (shared with CreateImage). */
export function description(params: Params): string {
  const text = params.str("Description");
  if (text === undefined) return "";
  if (text.length < 2 || text.length > 256 || startsWithUrl(text)) throw apiError("InvalidDescription.Malformed", params.action);
  return text;
}

/** ASCII, at most 64 characters. */
export function clientTokenParam(params: Params): string | undefined {
  const token = params.str("ClientToken");
  if (token !== undefined && !/^[\x20-\x7e]{1,64}$/.test(token)) throw apiError("InvalidClientToken.Malformed", params.action);
  return token;
}

function retentionDays(params: Params): number | undefined {
  const raw = params.str("RetentionDays");
  if (raw === undefined) return undefined;
  const days = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(days >= 1 && days <= 65536)) throw apiError("InvalidRetentionDays.Malformed", params.action);
  return days;
}

const manualSnapshotsOf = (cloud: Cloud, diskId: string) =>
  [...cloud.snapshots.values()].filter((s) => s.SourceDiskId === diskId && s.SnapshotType === "user").length;

/** The documented conditions under which a disk cannot be snapshotted, in the order they are checked. */
function checkSnapshottable(cloud: Cloud, disk: DiskRecord, action: string): void {
  if (LOCAL_DISK(disk.Category)) throw apiError("DiskCategory.OperationNotSupported", action);
  if (disk.InstanceId) {
    const inst = cloud.instances.get(disk.InstanceId);
    if (!inst) throw apiError("InvalidInstanceId.NotFound", action);
    if (cloud.isSecurityLocked(inst)) throw apiError("InstanceLockedForSecurity", action);
    if (inst.Status !== "Running" && inst.Status !== "Stopped") throw apiError("IncorrectInstanceStatus", action);
  } else if (!disk.Extra.AttachedTime && !disk.Extra.DetachedTime) {
    // An unattached disk with no attach history (DescribeDisks AttachedTime/DetachedTime) never held data.
    throw apiError("IncorrectDiskStatus.NeverAttached", action);
  }
  if (disk.Status !== "In_use" && disk.Status !== "Available") throw apiError("IncorrectDiskStatus", action);
  if (cloud.hasUnfinishedSnapshot(disk.DiskId)) throw apiError("IncorrectDiskStatus.CreatingSnapshot", action);
  if (manualSnapshotsOf(cloud, disk.DiskId) >= MAX_MANUAL_SNAPSHOTS_PER_DISK) throw apiError("QuotaExceed.Snapshot", action);
}

function createSnapshot({ cloud, params, action }: ActionContext): Record<string, unknown> {
  const diskId = params.required("DiskId");
  const name = snapshotName(params);
  const text = description(params);
  const days = retentionDays(params);
  const tags = tagParams(params);
  const instantAccess = params.bool("InstantAccess") ?? false;
  params.int("InstantAccessRetentionDays", { min: 1, max: 65535 });
  const token = clientTokenParam(params);

  // A token seen before answers with its first result, even while that snapshot is still progressing.
  const fingerprint = paramsFingerprint(params.raw, NOT_REQUEST_PARAMS);
  const earlier = recallClientToken(cloud.clientTokens, action, token, fingerprint);
  if (earlier.kind === "same") return { SnapshotId: earlier.resourceId };
  if (earlier.kind === "mismatch") throw apiError("IdempotentParameterMismatch", action);

  const disk = findDisk(cloud, diskId, action);
  checkSnapshottable(cloud, disk, action);
  const now = Date.now();
  const snap: SnapshotRecord = {
    SnapshotId: newResourceId("s"),
    RegionId: disk.RegionId,
    SnapshotName: name,
    SourceDiskId: disk.DiskId,
    SourceDiskSize: String(disk.Size),
    SourceDiskType: disk.Type === "system" ? "System" : "Data",
    Status: "progressing",
    Progress: "0%",
    CreationTime: isoNow(now),
    Encrypted: disk.Encrypted,
    KMSKeyId: disk.KMSKeyId,
    SnapshotType: "user",
    Usage: "none",
    Description: text,
    RetentionDays: days,
    Tags: tags,
    ContentVersion: contentVersionOf(disk, disk.DiskId),
    SourceImageId: disk.ImageId,
    AvailableAt: instantAccess ? now + BASE_SECONDS.snapshotInstantAccess * cloud.timeScale * 1000 : undefined,
    Extra: {},
  };
  cloud.snapshots.set(snap.SnapshotId, snap);
  cloud.startTransition({ Kind: "SnapshotComplete", SnapshotId: snap.SnapshotId }, BASE_SECONDS.snapshot);
  rememberClientToken(cloud.clientTokens, action, token, fingerprint, { resourceId: snap.SnapshotId, instanceId: disk.InstanceId, diskId: disk.DiskId });
  return { SnapshotId: snap.SnapshotId };
}

/** A progressing snapshot is cancelled; one that made an image cannot go; one a disk came from needs Force. */
function deleteSnapshot({ cloud, params, action }: ActionContext): Record<string, unknown> {
  const id = params.required("SnapshotId");
  const force = params.bool("Force") ?? false;
  const snap = cloud.snapshots.get(id);
  if (!snap) throw apiError("InvalidSnapshotId.NotFound", action);
  if ([...cloud.images.values()].some((m) => m.SnapshotId === id)) throw apiError("SnapshotCreatedImage", action);
  if (!force && [...cloud.disks.values()].some((d) => d.SourceSnapshotId === id)) throw apiError("SnapshotCreatedDisk", action);
  cloud.snapshots.delete(id);
  // Cancel its completion (the armed timer then finds nothing to do).
  cloud.transitions = cloud.transitions.filter((t) => !(t.Kind === "SnapshotComplete" && t.SnapshotId === id));
  return {};
}

const describeSnapshots: ActionDef = {
  mutates: false,
  handle({ cloud, params }) {
    const region = regionParam(params);
    const ids = params.jsonIds("SnapshotIds", 100);
    const diskId = params.str("DiskId");
    const instanceId = params.str("InstanceId");
    const status = params.oneOf("Status", ["progressing", "accomplished", "failed", "all"] as const) ?? "all";
    const type = params.oneOf("SnapshotType", ["auto", "user", "all"] as const) ?? "all";
    const tags = tagFilters(params);
    const all = [...cloud.snapshots.values()].filter(
      (s) =>
        s.RegionId === region &&
        (ids === undefined || ids.includes(s.SnapshotId)) &&
        (diskId === undefined || s.SourceDiskId === diskId) &&
        (instanceId === undefined || cloud.disks.get(s.SourceDiskId)?.InstanceId === instanceId) &&
        (status === "all" || s.Status === status) &&
        (type === "all" || s.SnapshotType === type) &&
        matchesTags(cloud.tags.read(s), tags),
    );
    const p = tokenPage(all, params, 100, { min: 1, max: 100 });
    finishDryRun(params);
    return {
      Snapshots: { Snapshot: p.items.map((s) => renderSnapshot(cloud, s)) },
      NextToken: p.NextToken,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
};

export const SNAPSHOT_ACTIONS: Record<string, ActionDef> = {
  CreateSnapshot: { mutates: true, handle: createSnapshot },
  DeleteSnapshot: { mutates: true, handle: deleteSnapshot },
  DescribeSnapshots: describeSnapshots,
};
