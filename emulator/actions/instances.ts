// StopInstance(s), StartInstance(s), DescribeInstances.
import type { Cloud } from "../model/cloud";
import { BASE_SECONDS } from "../model/durations";
import { matchesTags, tagsOf } from "../model/tags";
import type { InstanceRecord } from "../model/types";
import { ApiError, apiError, missing } from "../protocol/errors";
import type { Params } from "../protocol/params";
import { renderInstance } from "../render/resources";
import type { ActionContext, ActionDef } from "./context";
import { tokenPage } from "./paging";
import { assertOperable, findInstance, finishDryRun, regionParam } from "./preconditions";
import { tagFilters } from "./tags";

interface StopOptions {
  forceStop: boolean;
  stoppedMode?: "KeepCharging" | "StopCharging";
}

function stopOptions(params: Params): StopOptions {
  return {
    forceStop: params.bool("ForceStop") ?? false,
    stoppedMode: params.oneOf("StoppedMode", ["KeepCharging", "StopCharging"] as const),
  };
}

function checkStop(cloud: Cloud, inst: InstanceRecord, action: string): void {
  assertOperable(cloud, inst, action);
  if (inst.Status !== "Running") throw apiError("IncorrectInstanceStatus", action);
}

function doStop(cloud: Cloud, inst: InstanceRecord, opts: StopOptions): void {
  inst.Status = "Stopping";
  const mode = inst.InstanceChargeType === "PrePaid" ? "Not-applicable" : opts.stoppedMode ?? "KeepCharging";
  cloud.startTransition(
    { Kind: "InstanceStop", InstanceId: inst.InstanceId, StoppedMode: mode },
    BASE_SECONDS[opts.forceStop ? "forceStop" : "stop"],
  );
}

function checkStart(cloud: Cloud, inst: InstanceRecord, action: string): void {
  assertOperable(cloud, inst, action);
  if (cloud.busyInstance(inst.InstanceId) || inst.Status !== "Stopped") throw apiError("IncorrectInstanceStatus", action);
}

function doStart(cloud: Cloud, inst: InstanceRecord): void {
  inst.Status = "Starting";
  cloud.startTransition({ Kind: "InstanceStart", InstanceId: inst.InstanceId }, BASE_SECONDS.start);
}

function single(check: typeof checkStop, apply: (ctx: ActionContext, inst: InstanceRecord) => void): ActionDef {
  return {
    mutates: true,
    handle(ctx) {
      const inst = findInstance(ctx.cloud, ctx.params.required("InstanceId"), ctx.action, ctx.params.str("RegionId"));
      check(ctx.cloud, inst, ctx.action);
      finishDryRun(ctx.params);
      apply(ctx, inst);
      return {};
    },
  };
}

/** StopInstances / StartInstances: AllTogether is all-or-nothing, SuccessFirst reports per instance. */
function batch(check: typeof checkStop, apply: (ctx: ActionContext, inst: InstanceRecord) => void): ActionDef {
  return {
    mutates: true,
    handle(ctx) {
      const { cloud, params, action } = ctx;
      const region = regionParam(params);
      const ids = params.repeated("InstanceId", 100);
      if (ids.length === 0) throw missing("InstanceId.1", action);
      const mode = params.oneOf("BatchOptimization", ["AllTogether", "SuccessFirst"] as const) ?? "AllTogether";
      const outcomes = ids.map((id) => {
        try {
          const inst = findInstance(cloud, id, action, region);
          check(cloud, inst, action);
          return { id, inst, error: undefined as ApiError | undefined };
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          return { id, inst: cloud.instances.get(id), error: e };
        }
      });
      const firstError = outcomes.find((o) => o.error)?.error;
      if (firstError && (mode === "AllTogether" || params.bool("DryRun"))) throw firstError;
      finishDryRun(params);
      const InstanceResponse = outcomes.map(({ id, inst, error }) => {
        const previous = inst?.Status ?? "";
        if (error || !inst) return { InstanceId: id, Code: error!.code, Message: error!.message, PreviousStatus: previous, CurrentStatus: previous };
        apply(ctx, inst);
        return { InstanceId: id, Code: "200", Message: "success", PreviousStatus: previous, CurrentStatus: inst.Status };
      });
      return { InstanceResponses: { InstanceResponse } };
    },
  };
}

const stop = (ctx: ActionContext, inst: InstanceRecord) => doStop(ctx.cloud, inst, stopOptions(ctx.params));
const start = (ctx: ActionContext, inst: InstanceRecord) => doStart(ctx.cloud, inst);

const describeInstances: ActionDef = {
  mutates: false,
  handle({ cloud, params }) {
    const region = regionParam(params);
    const ids = params.jsonIds("InstanceIds", 100);
    const status = params.str("Status");
    const zone = params.str("ZoneId");
    const image = params.str("ImageId");
    const name = params.str("InstanceName");
    const tags = tagFilters(params);
    const all = [...cloud.instances.values()].filter(
      (i) =>
        i.RegionId === region &&
        (ids === undefined || ids.includes(i.InstanceId)) &&
        (status === undefined || i.Status === status) &&
        (zone === undefined || i.ZoneId === zone) &&
        (image === undefined || i.ImageId === image) &&
        (name === undefined || i.InstanceName === name) &&
        matchesTags(cloud.tags.read(i), tags),
    );
    const p = tokenPage(all, params, 100, { min: 10, max: 100 });
    finishDryRun(params);
    return {
      Instances: { Instance: p.items.map((i) => renderInstance(cloud, i)) },
      NextToken: p.NextToken,
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
};

export const INSTANCE_ACTIONS: Record<string, ActionDef> = {
  StopInstance: single(checkStop, stop),
  StopInstances: batch(checkStop, stop),
  StartInstance: single(checkStart, start),
  StartInstances: batch(checkStart, start),
  DescribeInstances: describeInstances,
};
