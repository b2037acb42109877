// DescribeImages. Without ImageId only Available images are listed (the API's default Status);
// with ImageId the image is returned whatever its status, so callers can see why it is unusable.
import { invalid } from "../protocol/errors";
import { renderImage } from "../render/resources";
import type { ActionDef } from "./context";
import { page } from "./paging";
import { regionParam } from "./preconditions";

const describeImages: ActionDef = {
  mutates: false,
  handle({ cloud, params }) {
    const region = regionParam(params);
    const ids = params.str("ImageId")?.split(",").map((s) => s.trim()).filter((s) => s !== "");
    if (ids && ids.length > 100) throw invalid("ImageId", "DescribeImages");
    const statuses = params.str("Status")?.split(",") ?? (ids ? undefined : ["Available"]);
    const osType = params.oneOf("OSType", ["linux", "windows"] as const);
    const owner = params.str("ImageOwnerAlias");
    const all = [...cloud.images.values()].filter(
      (m) =>
        m.RegionId === region &&
        (ids === undefined || ids.includes(m.ImageId)) &&
        (statuses === undefined || statuses.includes(m.Status)) &&
        (osType === undefined || m.OSType === osType) &&
        (owner === undefined || m.ImageOwnerAlias === owner),
    );
    const p = page(all, params, 100);
    return {
      Images: { Image: p.items.map((m) => renderImage(cloud, m)) },
      RegionId: region,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
};

export const IMAGE_ACTIONS: Record<string, ActionDef> = { DescribeImages: describeImages };
