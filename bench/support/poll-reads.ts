// Counts (and optionally un-shares) the waiters' status reads. The resource logic gets its reads
// from provider/common/context.ts `opsContext()`; the bench wraps that export for the duration of a
// run (no project file changes):
//   "shared": the project's own wiring (one DescribeBatcher per process), reads only counted;
//   "naive":  every read is its own Describe* call (one call per waiter per poll), as a design
//             without shared polling would do.
import type { DiskInfo } from "../../provider/ecs/api";
import type { OpsContext } from "../../provider/operations/ops-context";

export type PollMode = "shared" | "naive";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const context: { opsContext: () => OpsContext } = require("../../provider/common/context");

export interface PollReadCounter {
  /** Waiter reads (readInstance + readDisks), i.e. calls a one-call-per-waiter-per-poll design makes. */
  reads: number;
  restore(): void;
}

export function instrumentPollReads(mode: PollMode): PollReadCounter {
  const original = context.opsContext;
  const counter: PollReadCounter = {
    reads: 0,
    restore: () => {
      context.opsContext = original;
    },
  };
  context.opsContext = () => {
    const ctx = original();
    const direct: OpsContext = {
      ...ctx,
      readInstance: async (regionId, instanceId) => (await ctx.api.describeInstances(regionId, [instanceId])).find((i) => i.instanceId === instanceId),
      readDisks: async (regionId, diskIds) => {
        const found = await ctx.api.describeDisks(regionId, { diskIds });
        return new Map<string, DiskInfo>(found.map((d) => [d.diskId, d]));
      },
    };
    const reads = mode === "shared" ? ctx : direct;
    return {
      ...ctx,
      readInstance: (regionId, instanceId) => {
        counter.reads++;
        return reads.readInstance(regionId, instanceId);
      },
      readDisks: (regionId, diskIds) => {
        counter.reads++;
        return reads.readDisks(regionId, diskIds);
      },
    };
  };
  return counter;
}
