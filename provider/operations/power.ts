// Stop / start an instance and wait for the state, riding out transient conflicts.
import type { InstanceInfo, StopOptions } from "../ecs/api";
import { callThroughConflicts } from "./conflicts";
import type { OpsContext } from "./ops-context";
import { waitFor, type WaitSpec } from "./wait";

const TRANSITIONAL = new Set(["Pending", "Starting", "Stopping"]);

export function isTransitional(instance: InstanceInfo | undefined): boolean {
  return !!instance && TRANSITIONAL.has(instance.status);
}

/** Operation locks other than these mean "an operation is still in flight". */
const STANDING_LOCKS = new Set(["security", "financial", "expired", "recycling", "dedicatedhostfinancial", "refunded"]);

export function hasTransientLock(instance: InstanceInfo | undefined): boolean {
  return !!instance && instance.operationLocks.some((l) => !STANDING_LOCKS.has(l));
}

export function instanceState(instance: InstanceInfo | undefined): string {
  if (!instance) return "instance not found";
  const locks = instance.operationLocks.length ? `, OperationLocks [${instance.operationLocks.join(", ")}]` : "";
  return `${instance.status}${locks}`;
}

export interface StepLimit {
  /** The `timeouts` key, for messages. */
  step: string;
  timeoutMs: number;
  deadline: number;
}

export async function describeInstanceOrFail(ctx: OpsContext, regionId: string, instanceId: string): Promise<InstanceInfo> {
  const instance = await ctx.readInstance(regionId, instanceId);
  if (!instance) throw new Error(`Instance ${instanceId} was not found in region ${regionId}. Check instanceId and regionId.`);
  return instance;
}

/** Waits until the instance is neither transitional nor operation-locked; returns it. */
export function waitForStable(ctx: OpsContext, regionId: string, instanceId: string, limit: StepLimit): Promise<InstanceInfo> {
  return waitFor({
    read: () => describeInstanceOrFail(ctx, regionId, instanceId),
    done: (i) => !isTransitional(i) && !hasTransientLock(i),
    describe: instanceState,
    waitingFor: `instance ${instanceId} to reach a stable state (Running or Stopped, no operation in flight)`,
    subject: instanceId,
    ...limit,
  });
}

export function waitForStatus(
  ctx: OpsContext,
  regionId: string,
  instanceId: string,
  status: "Running" | "Stopped",
  limit: StepLimit,
  expect?: WaitSpec<unknown>["expect"],
): Promise<InstanceInfo> {
  return waitFor({
    expect,
    read: () => describeInstanceOrFail(ctx, regionId, instanceId),
    done: (i) => i.status === status && !hasTransientLock(i),
    describe: instanceState,
    waitingFor: `instance ${instanceId} to be ${status}`,
    subject: instanceId,
    ...limit,
  });
}

/** Settles an instance after a conflict: true when something was in flight. */
export function instanceSettler(ctx: OpsContext, regionId: string, instanceId: string, limit: StepLimit) {
  return async (): Promise<boolean> => {
    const now = await describeInstanceOrFail(ctx, regionId, instanceId);
    if (!isTransitional(now) && !hasTransientLock(now)) return false;
    await waitForStable(ctx, regionId, instanceId, limit);
    return true;
  };
}

export async function stopAndWait(
  ctx: OpsContext,
  regionId: string,
  instanceId: string,
  opts: StopOptions,
  limit: StepLimit,
): Promise<{ requestId?: string; instance: InstanceInfo }> {
  const startedAt = Date.now();
  const requestId = await moveTo(ctx, regionId, instanceId, "Stopped", limit, () =>
    ctx.api.stopInstance(instanceId, { forceStop: opts.forceStop, stoppedMode: opts.stoppedMode }),
  );
  const expect = requestId ? { operation: "stop" as const, startedAt } : undefined;
  const instance = await waitForStatus(ctx, regionId, instanceId, "Stopped", limit, expect);
  return { requestId, instance };
}

export async function startAndWait(
  ctx: OpsContext,
  regionId: string,
  instanceId: string,
  limit: StepLimit,
): Promise<{ requestId?: string; instance: InstanceInfo }> {
  const startedAt = Date.now();
  const requestId = await moveTo(ctx, regionId, instanceId, "Running", limit, () => ctx.api.startInstance(instanceId));
  const expect = requestId ? { operation: "start" as const, startedAt } : undefined;
  const instance = await waitForStatus(ctx, regionId, instanceId, "Running", limit, expect);
  return { requestId, instance };
}

/**
 * Calls Stop/StartInstance unless the instance already is `target`. After a conflict it looks
 * again before repeating the call: someone else (the console, another deployment) may have
 * moved the instance to `target` meanwhile, and that is success, not a conflict to fail on.
 */
async function moveTo(
  ctx: OpsContext,
  regionId: string,
  instanceId: string,
  target: "Running" | "Stopped",
  limit: StepLimit,
  call: () => Promise<{ requestId: string }>,
): Promise<string | undefined> {
  let current: InstanceInfo | undefined = await waitForStable(ctx, regionId, instanceId, limit);
  return callThroughConflicts(
    async () => {
      current ??= await describeInstanceOrFail(ctx, regionId, instanceId);
      const already = current.status === target;
      current = undefined; // the next attempt (after a conflict) reads afresh
      return already ? undefined : (await call()).requestId;
    },
    { deadline: limit.deadline, settle: instanceSettler(ctx, regionId, instanceId, limit) },
  );
}
