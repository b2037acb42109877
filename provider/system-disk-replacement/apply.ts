// SystemDiskReplacement create/update: read the current system disk, hold the instance stopped,
// ReplaceSystemDisk with a stable ClientToken, wait for completion, settle power, record outputs.
import type { InstanceInfo } from "../ecs/api";
import { registerSecret } from "../ecs/redact";
import { CREATE_BASIS, replacementClientToken } from "../operations/client-token";
import { OperationError } from "../operations/errors";
import { shortHash } from "../operations/window/record";
import { runInStoppedWindow } from "../operations/window/power-window";
import { ReplaceError, replaceSystemDisk, type ReplaceOutcome } from "../operations/replace-system-disk";
import { deadlineFor, stepTimeoutMs } from "../operations/timeouts";
import { failureMessage, ownerOf, powerRequest, reportNotes, runPreflight } from "../common/apply";
import { opsContext, resolveRegion } from "../common/context";
import { isIncomplete, partialState, outputRecord, WINDOW_PENDING_KEY, windowPending } from "../common/outputs";
import type { SystemDiskReplacementInputs, SystemDiskReplacementOutputs } from "./types";
import { preflightSystemDiskReplacement } from "./preflight";
import { recordGuardSnapshots, SAFETY_RUN_KEY, safetySnapshotEnabled, takeGuardSnapshots } from "../common/safety-snapshot";
import { safetySnapshotRunKey, type SafetySnapshot } from "../operations/safety-snapshot";
import { now as clockNow } from "../ecs/process-scope";

const KIND = "SystemDiskReplacement";
const CLOSE_HINT = " Run `pulumi up` again to finish: it closes the window (restores the power state) once that operation is done.";
const RESUME_HINT = " What was done so far is recorded; run `pulumi up` again to finish (the same ClientToken is reused, so the disk is not replaced twice).";
/** Output key: what the ClientToken was derived from, so a resumed run derives the same token. */
export const TOKEN_BASIS_KEY = "clientTokenBasis";

export async function applySystemDiskReplacement(
  id: string,
  inputs: SystemDiskReplacementInputs,
  request: Record<string, unknown>,
  olds?: Record<string, any>,
): Promise<SystemDiskReplacementOutputs> {
  registerSecret(inputs.password);
  const facts = await runPreflight(KIND, inputs, preflightSystemDiskReplacement);
  const regionId = resolveRegion(inputs.regionId) ?? olds?.regionId ?? facts?.regionId;
  if (!regionId) {
    throw new Error(`${KIND}: no region: set regionId, the Pulumi config alicloud:region, or ALIBABA_CLOUD_REGION_ID.`);
  }
  const ctx = opsContext();
  const { instanceId } = inputs;
  const instance = await ctx.readInstance(regionId, instanceId);
  if (!instance) throw new Error(`${KIND}: instance ${instanceId} not found in region ${regionId}; nothing was changed.`);
  const systemDisk = (await ctx.api.describeDisks(regionId, { instanceId })).find((d) => d.type === "system");

  // A resumed run (incomplete state) keeps what the interrupted one started from.
  const resuming = isIncomplete(olds);
  const basis: string = resuming ? olds?.[TOKEN_BASIS_KEY] ?? CREATE_BASIS : olds?.systemDiskId ?? CREATE_BASIS;
  // The token of the earlier versions (no stack in it): it named their intent record.
  const tokenWithoutStack = replacementClientToken({ ...inputs, basis });
  // A resumed run keeps the token its interrupted run sent; a fresh one is the stack's own request.
  const clientToken: string =
    resuming && typeof olds?.clientToken === "string" && olds.clientToken
      ? olds.clientToken
      : replacementClientToken({ ...inputs, basis, owner: ownerOf(inputs, "") || undefined });
  let previousSystemDiskId: string = (resuming && olds?.previousSystemDiskId) || systemDisk?.diskId || "";
  let previousImageId: string = (resuming && olds?.previousImageId) || instance.imageId;
  const guard = safetySnapshotEnabled(inputs.safetySnapshot) ? inputs.safetySnapshot : undefined;
  // One run = one replacement: the run key follows the replacement's ClientToken.
  const runKey = guard ? safetySnapshotRunKey({ kind: KIND, clientToken }) : undefined;
  const safety = { taken: (resuming && Array.isArray(olds?.safetySnapshots) ? olds!.safetySnapshots : []) as SafetySnapshot[], requestIds: [] as string[] };

  /** The system disk an interrupted run of this stack recorded it was replacing (the record's from=). */
  let priorFrom: string | undefined;
  /** An earlier run did the replacement and left no record: the disk it replaced is unknown. */
  let unknownPrevious = false;
  /** The outputs of this run: what it started from, plus the replacement and power outcome. */
  const record = (run: { systemDiskId: string; requestId: string; statusBefore: string; statusAfter: string }) =>
    outputRecord<SystemDiskReplacementInputs, SystemDiskReplacementOutputs>(inputs, {
      regionId,
      systemDiskId: run.systemDiskId,
      // After a crash that came after the replacement, the attached disk is already the new one;
      // the run's safety snapshot still names the disk that was replaced.
      previousSystemDiskId: unknownPrevious ? "" : (priorFrom ?? safety.taken[0]?.diskId) || previousSystemDiskId,
      previousImageId,
      requestId: run.requestId,
      replacedAt: new Date(clockNow()).toISOString(),
      instanceStatusBefore: run.statusBefore,
      instanceStatusAfter: run.statusAfter,
      clientToken,
      [TOKEN_BASIS_KEY]: basis,
      safetySnapshots: safety.taken,
      ...(runKey ? { [SAFETY_RUN_KEY]: runKey } : {}),
    });

  if (resuming && !windowPending(olds) && replacementFinished(olds, clientToken, systemDisk?.diskId, instance) && !needsPowerChange(inputs, instance.status)) {
    // The interrupted run's replacement finished after all (e.g. its wait timed out): the recorded
    // new disk is attached and nothing is in flight. Record it; no reason to stop the instance again.
    const outputs = record({ systemDiskId: olds!.systemDiskId, requestId: olds?.requestId ?? "", statusBefore: instance.status, statusAfter: instance.status });
    await recordGuardSnapshots(ctx, regionId, id, outputs.safetySnapshots);
    return outputs;
  }

  if (guard && !systemDisk) {
    throw new Error(`${KIND}: safetySnapshot is on, but instance ${instanceId} shows no system disk to snapshot; nothing was changed. Check the instance in the console.`);
  }
  const replaceMs = stepTimeoutMs(inputs.timeouts, "replace");
  // The previous record format named the record after the ClientToken: recognise one it wrote.
  const legacyId = shortHash(tokenWithoutStack);
  const intent = {
    owner: ownerOf(inputs, legacyId),
    legacyId,
    kind: "replace" as const,
    budgetMs: stepTimeoutMs(inputs.timeouts, "stop") + replaceMs + stepTimeoutMs(inputs.timeouts, "start"),
    from: previousSystemDiskId || undefined,
    was: previousImageId || undefined,
  };
  const window = await runInStoppedWindow(ctx, powerRequest(inputs, regionId, instanceId, intent), async ({ resumed, workDone, lastCallAccepted }) => {
    // Inside the stopped window: the snapshot holds exactly the disk that is released.
    // Work an interrupted run of this stack recorded as done is not redone: no new snapshot of the new disk.
    if (guard && runKey && systemDisk && !workDone) {
      await takeGuardSnapshots(ctx, {
        regionId,
        diskIds: [systemDisk.diskId],
        kind: KIND,
        destructiveAction: "ReplaceSystemDisk",
        resourceId: id,
        runKey,
        // An interrupted attempt may have replaced the disk already: its snapshot of the old one counts.
        reuseOtherDisk: true,
        timeouts: inputs.timeouts,
        value: guard,
      }, safety);
    }
    // A record another stack's window closed over (superseded) while it was still working proves
    // nothing about who changed the disk since: only the ClientToken decides then.
    const prior = resumed.find((r) => r.from && !(r.superseded && r.phase === "open"));
    priorFrom = prior?.from;
    if (prior?.from) {
      // An interrupted run recorded which system disk it replaced. Another disk attached now means
      // its ReplaceSystemDisk took effect: never replace twice (ECS may have forgotten the token).
      const attached = (await ctx.api.describeDisks(regionId, { instanceId })).find((d) => d.type === "system");
      previousSystemDiskId = prior.from;
      if (prior.was) previousImageId = prior.was;
      if (attached && attached.diskId !== prior.from) return { requestId: "", diskId: attached.diskId } satisfies ReplaceOutcome;
      if (workDone) {
        throw new Error(
          `the intent record on ${instanceId} says an interrupted run replaced system disk ${prior.from}, but that disk is still attached; ` +
            "nothing was sent. Check the instance in the console, then run again.",
        );
      }
    }
    const replaced = await replaceSystemDisk(ctx, {
      regionId,
      params: {
        instanceId,
        imageId: inputs.imageId,
        systemDiskSize: inputs.systemDiskSize,
        password: inputs.password,
        passwordInherit: inputs.passwordInherit,
        keyPairName: inputs.keyPairName,
        encrypted: inputs.encrypted,
        kmsKeyId: inputs.kmsKeyId,
        securityEnhancementStrategy: inputs.securityEnhancementStrategy,
        useAdditionalService: inputs.useAdditionalService,
        clientToken,
      },
      limit: { step: "replace", timeoutMs: replaceMs, deadline: deadlineFor(replaceMs) },
      onAccepted: lastCallAccepted,
    });
    if (replaced.diskId === previousSystemDiskId) {
      // ECS answered from its memory of this request: it was carried out by an earlier run whose
      // record is gone, and the disk attached is already its product. Which disk it replaced is
      // no longer known: say so rather than name the new disk.
      previousSystemDiskId = "";
      previousImageId = "";
      unknownPrevious = true;
    }
    return replaced;
  });
  try {
    return await finish(window);
  } finally {
    await window.release(); // the run's last ECS call (runInStoppedWindow)
  }

  async function finish(window: Awaited<ReturnType<typeof runInStoppedWindow<ReplaceOutcome>>>): Promise<SystemDiskReplacementOutputs> {
    await reportNotes(KIND, window.notes);
    const accepted: ReplaceOutcome | undefined = window.value ?? (window.error instanceof ReplaceError ? window.error.accepted : undefined);

    const outputs = record({
      systemDiskId: accepted?.diskId ?? (resuming ? olds?.systemDiskId : undefined) ?? "",
      requestId: accepted?.requestId ?? "",
      statusBefore: window.statusBefore,
      statusAfter: window.statusAfter,
    });
    if (window.failed) {
      const message = failureMessage(KIND, window.error, { instanceId, ...window }, RESUME_HINT);
      throw new OperationError(message, id, partialState(outputs as unknown as Record<string, unknown>, request, message));
    }
    await recordGuardSnapshots(ctx, regionId, id, outputs.safetySnapshots);
    if (window.closePending) {
      // Replaced, but the window is still held by another operation: the next run closes it.
      const message = failureMessage(KIND, new Error(`the system disk was replaced (new disk ${outputs.systemDiskId})`), { instanceId, ...window }, CLOSE_HINT);
      throw new OperationError(message, id, { ...partialState(outputs as unknown as Record<string, unknown>, request, message), [WINDOW_PENDING_KEY]: true });
    }
    if (window.restoreError) {
      const message = failureMessage(KIND, new Error(`the system disk was replaced (new disk ${outputs.systemDiskId})`), { instanceId, ...window });
      throw new OperationError(message, id, { ...outputs, __provider: request.__provider });
    }
    return outputs;
  }
}

/** The incomplete state's replacement (same token) is done: its new disk is the attached system disk, no lock. */
function replacementFinished(olds: Record<string, any> | undefined, clientToken: string, attachedSystemDiskId: string | undefined, instance: InstanceInfo): boolean {
  return (
    typeof olds?.systemDiskId === "string" &&
    olds.systemDiskId !== "" &&
    olds.clientToken === clientToken &&
    attachedSystemDiskId === olds.systemDiskId &&
    instance.operationLocks.length === 0
  );
}

/** Only "start" can ask for a power change when no stop was needed (the failed run already restored power). */
function needsPowerChange(inputs: SystemDiskReplacementInputs, status: string): boolean {
  return inputs.powerPolicy === "start" && status !== "Running";
}
