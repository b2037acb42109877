// Stop / start an instance and wait for the state, riding out transient conflicts.
import type { InstanceInfo, StopOptions } from "../ecs/api";
import { callThroughConflicts } from "./conflicts";
import type { OpsContext } from "./ops-context";
import { waitFor, type WaitSpec } from "./wait";
import { now as clockNow } from "../ecs/process-scope";

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

/** Settles an instance after a conflict: true when something was in flight. */
export function instanceSettler(ctx: OpsContext, regionId: string, instanceId: string, limit: StepLimit) {
  return async (): Promise<boolean> => {
    const now = await describeInstanceOrFail(ctx, regionId, instanceId);
    if (!isTransitional(now) && !hasTransientLock(now)) return false;
    await waitForStable(ctx, regionId, instanceId, limit);
    return true;
  };
}

export function stopAndWait(
  ctx: OpsContext,
  regionId: string,
  instanceId: string,
  opts: StopOptions,
  limit: StepLimit,
): Promise<{ requestId?: string; instance: InstanceInfo }> {
  return moveAndWait(ctx, regionId, instanceId, "Stopped", limit, "stop", () =>
    ctx.api.stopInstance(instanceId, { forceStop: opts.forceStop, stoppedMode: opts.stoppedMode }),
  );
}

export function startAndWait(
  ctx: OpsContext,
  regionId: string,
  instanceId: string,
  limit: StepLimit,
): Promise<{ requestId?: string; instance: InstanceInfo }> {
  return moveAndWait(ctx, regionId, instanceId, "Running", limit, "start", () => ctx.api.startInstance(instanceId));
}

/** Consecutive reads of the opposite settled state that mean someone moved the instance back. */
const MOVED_BACK_READS = 3;

/**
 * Moves the instance to `target` and waits for it. Another party (a second pipeline's close, the
 * console) may move it the other way while we wait, e.g. start it after our stop call met it
 * Stopping; seen settled in the opposite state a few reads in a row, we move it again rather than
 * wait for a state that will not come. Bounded by the step's deadline.
 */
async function moveAndWait(
  ctx: OpsContext,
  regionId: string,
  instanceId: string,
  target: "Running" | "Stopped",
  limit: StepLimit,
  operation: "stop" | "start",
  call: () => Promise<{ requestId: string }>,
): Promise<{ requestId?: string; instance: InstanceInfo }> {
  const opposite = target === "Running" ? "Stopped" : "Running";
  let firstRequestId: string | undefined;
  for (;;) {
    const startedAt = clockNow();
    const requestId = await moveTo(ctx, regionId, instanceId, target, limit, call);
    firstRequestId ??= requestId;
    let oppositeReads = 0;
    const instance = await waitFor({
      expect: requestId ? { operation, startedAt } : undefined,
      read: () => describeInstanceOrFail(ctx, regionId, instanceId),
      done: (i) => {
        oppositeReads = i.status === opposite && !hasTransientLock(i) ? oppositeReads + 1 : 0;
        return (i.status === target && !hasTransientLock(i)) || oppositeReads >= MOVED_BACK_READS;
      },
      describe: instanceState,
      waitingFor: `instance ${instanceId} to be ${target}`,
      subject: instanceId,
      ...limit,
    });
    if (instance.status === target) return { requestId: firstRequestId, instance };
  }
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
