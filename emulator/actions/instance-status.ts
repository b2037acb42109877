// DescribeInstanceStatus: the status of every instance in a region (optionally one zone or the
// given InstanceId.N, 1-100), paged with PageNumber/PageSize (1-50), as status pollers read it.
import type { ActionDef } from "./context";
import { page } from "./paging";
import { regionParam } from "./preconditions";

const describeInstanceStatus: ActionDef = {
  mutates: false,
  handle({ cloud, params }) {
    const region = regionParam(params);
    const zone = params.str("ZoneId");
    const ids = params.repeated("InstanceId", 100);
    const all = [...cloud.instances.values()].filter(
      (i) => i.RegionId === region && (zone === undefined || i.ZoneId === zone) && (ids.length === 0 || ids.includes(i.InstanceId)),
    );
    const p = page(all, params, 50);
    return {
      InstanceStatuses: { InstanceStatus: p.items.map((i) => ({ InstanceId: i.InstanceId, Status: i.Status })) },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
};

export const INSTANCE_STATUS_ACTIONS: Record<string, ActionDef> = { DescribeInstanceStatus: describeInstanceStatus };
