// DescribeRegions: a fixed list of public regions plus every region the seed uses.
import type { ActionDef } from "./context";

const KNOWN_REGIONS: [string, string][] = [
  ["cn-hangzhou", "华东1（杭州）"],
  ["cn-shanghai", "华东2（上海）"],
  ["cn-beijing", "华北2（北京）"],
  ["cn-shenzhen", "华南1（深圳）"],
  ["cn-hongkong", "中国香港"],
  ["ap-southeast-1", "新加坡"],
  ["eu-central-1", "德国（法兰克福）"],
  ["us-west-1", "美国（硅谷）"],
];

const describeRegions: ActionDef = {
  mutates: false,
  handle({ cloud }) {
    const names = new Map(KNOWN_REGIONS);
    for (const r of cloud.regions()) if (!names.has(r)) names.set(r, r);
    return {
      Regions: {
        Region: [...names.entries()].map(([RegionId, LocalName]) => ({
          RegionId,
          LocalName,
          RegionEndpoint: "ecs.aliyuncs.com",
          Status: "available",
        })),
      },
    };
  },
};

export const REGION_ACTIONS: Record<string, ActionDef> = { DescribeRegions: describeRegions };
