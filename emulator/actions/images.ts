// DescribeImages and CreateImage (from a system disk snapshot). Without ImageId, DescribeImages
// lists only Available images (the API's default Status); with ImageId the image is returned
// whatever its status, so callers can see why it is unusable. A new image is Creating for
// BASE_SECONDS.image x time scale, then Available, and carries its snapshot's content version.
import { paramsFingerprint, recallClientToken, rememberClientToken } from "../model/client-tokens";
import { contentVersionOf } from "../model/content";
import { BASE_SECONDS } from "../model/durations";
import { isoNow, newResourceId } from "../model/ids";
import { matchesTags, tagsOf } from "../model/tags";
import type { ImageRecord } from "../model/types";
import { apiError, invalid } from "../protocol/errors";
import type { Params } from "../protocol/params";
import { renderImage } from "../render/resources";
import type { ActionContext, ActionDef } from "./context";
import { page } from "./paging";
import { findSnapshot, finishDryRun, OLDEST_USABLE_SNAPSHOT, regionParam } from "./preconditions";
import { description, NOT_REQUEST_PARAMS } from "./snapshots";
import { tagFilters, tagParams } from "./tags";

const ARCHITECTURES = ["i386", "x86_64", "arm64"] as const;

/** 2–128 characters, a letter first, no URL. */
function imageName(params: Params): string {
  const name = params.str("ImageName");
  if (name === undefined) return "";
  if (!/^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5:_.-]{1,127}$/.test(name) || /^https?:\/\//i.test(name)) {
    throw apiError("InvalidImageName.Malformed", params.action);
  }
  return name;
}

function architecture(params: Params): string | undefined {
  const arch = params.str("Architecture");
  if (arch !== undefined && !(ARCHITECTURES as readonly string[]).includes(arch)) throw apiError("InvalidArchitecture.Malformed", params.action);
  return arch;
}

function platform(params: Params): string | undefined {
  const name = params.str("Platform");
  if (name !== undefined && name.length > 64) throw apiError("InvalidPlatform.Malformed", params.action);
  return name;
}

function createImage({ cloud, params, action }: ActionContext): Record<string, unknown> {
  const region = regionParam(params);
  // Only the SnapshotId form is modelled (the route back to a replaced system disk).
  for (const other of ["InstanceId", "DiskDeviceMapping.1.SnapshotId", "DiskDeviceMapping.1.Size"]) if (params.has(other)) throw invalid(other, action);
  const snapshotId = params.required("SnapshotId");
  const name = imageName(params);
  const text = description(params);
  const arch = architecture(params);
  const plat = platform(params);
  const tags = tagParams(params);
  const token = params.str("ClientToken");
  if (token !== undefined && !/^[\x20-\x7e]{1,64}$/.test(token)) throw invalid("ClientToken", action);

  const fingerprint = paramsFingerprint(params.raw, NOT_REQUEST_PARAMS);
  const earlier = recallClientToken(cloud.clientTokens, action, token, fingerprint);
  if (earlier.kind === "same") return { ImageId: earlier.resourceId };
  if (earlier.kind === "mismatch") throw apiError("IdempotenceParamNotMatch", action);

  const snap = findSnapshot(cloud, snapshotId, action, region);
  if (snap.Status === "progressing") throw apiError("InvalidSnapshotId.NotReady", action);
  if (snap.Status !== "accomplished") throw apiError("OperationDenied", action, { message: "The specified snapshot is not allowed to create image." });
  if (Date.parse(snap.CreationTime) < OLDEST_USABLE_SNAPSHOT) throw apiError("InvalidSnapshot.TooOld", action);
  if (snap.SourceDiskType.toLowerCase() !== "system") throw apiError("OperationDenied", action);
  if (name !== "" && [...cloud.images.values()].some((m) => m.RegionId === region && m.ImageOwnerAlias === "self" && m.ImageName === name)) {
    throw apiError("InvalidImageName.Duplicated", action);
  }
  finishDryRun(params);

  // The OS comes from the image the source disk was made from, when it is known.
  const base = cloud.images.get(snap.SourceImageId) ?? cloud.images.get(cloud.disks.get(snap.SourceDiskId)?.ImageId ?? "");
  const osPlatform = plat ?? base?.Platform ?? "Others Linux";
  const image: ImageRecord = {
    ImageId: newResourceId("m"),
    RegionId: region,
    ImageName: name,
    ImageOwnerAlias: "self",
    OSType: base?.OSType ?? (/^windows/i.test(osPlatform) ? "windows" : "linux"),
    OSName: base?.OSName ?? osPlatform,
    Platform: osPlatform,
    Architecture: arch ?? base?.Architecture ?? "x86_64",
    Size: Number(snap.SourceDiskSize) || 40,
    Status: "Creating",
    Resizable: true,
    IsSupportIoOptimized: true,
    Usage: "none",
    CreationTime: isoNow(),
    Description: text,
    SnapshotId: snap.SnapshotId,
    Tags: tags,
    ContentVersion: contentVersionOf(snap, snap.SnapshotId),
    Extra: {},
  };
  cloud.images.set(image.ImageId, image);
  snap.Usage = "image";
  cloud.startTransition({ Kind: "ImageComplete", ImageId: image.ImageId }, BASE_SECONDS.image);
  rememberClientToken(cloud.clientTokens, action, token, fingerprint, { resourceId: image.ImageId });
  return { ImageId: image.ImageId };
}

const describeImages: ActionDef = {
  mutates: false,
  handle({ cloud, params }) {
    const region = regionParam(params);
    const ids = params.str("ImageId")?.split(",").map((s) => s.trim()).filter((s) => s !== "");
    if (ids && ids.length > 100) throw invalid("ImageId", "DescribeImages");
    const statuses = params.str("Status")?.split(",") ?? (ids ? undefined : ["Available"]);
    const osType = params.oneOf("OSType", ["linux", "windows"] as const);
    const owner = params.str("ImageOwnerAlias");
    const tags = tagFilters(params);
    const all = [...cloud.images.values()].filter(
      (m) =>
        m.RegionId === region &&
        (ids === undefined || ids.includes(m.ImageId)) &&
        (statuses === undefined || statuses.includes(m.Status)) &&
        (osType === undefined || m.OSType === osType) &&
        (owner === undefined || m.ImageOwnerAlias === owner) &&
        matchesTags(cloud.tags.read(m), tags),
    );
    const p = page(all, params, 100);
    finishDryRun(params);
    return {
      Images: { Image: p.items.map((m) => renderImage(cloud, m)) },
      RegionId: region,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
};

export const IMAGE_ACTIONS: Record<string, ActionDef> = {
  DescribeImages: describeImages,
  CreateImage: { mutates: true, handle: createImage },
};
