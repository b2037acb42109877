// ReplaceSystemDisk with a stable ClientToken (client-token.ts), then wait for completion: per
// the API docs, the new system disk is attached (DescribeDisks) and the instance's
// OperationLocks are empty (DescribeInstances).
import type { DiskInfo, InstanceInfo, ReplaceSystemDiskParams } from "../ecs/api";
import { callThroughConflicts } from "./conflicts";
import { errorMessage } from "./errors";
import type { OpsContext } from "./ops-context";
import { hasTransientLock, instanceSettler, type StepLimit } from "./power";
import { waitFor } from "./wait";
import { now as clockNow } from "../ecs/process-scope";

export interface ReplaceRequest {
  regionId: string;
  /** Must carry the clientToken. */
  params: ReplaceSystemDiskParams & { clientToken: string };
  limit: StepLimit;
  /** Told when ReplaceSystemDisk was accepted (only waiting for it is left). */
  onAccepted?: () => void;
}

export interface ReplaceOutcome {
  requestId: string;
  diskId: string;
}

/** ECS answered with an earlier result of this ClientToken whose disk has been replaced since. */
export class ReplacedEarlierError extends Error {
  constructor(instanceId: string, diskId: string, clientToken: string) {
    super(
      `ECS answered ReplaceSystemDisk for ${instanceId} from its memory of this request (ClientToken ${clientToken}): the replacement ` +
        `was carried out earlier (new disk ${diskId}) and that disk has been replaced by another operation since. Nothing was ` +
        "replaced now. To replace the system disk again with this image, change `triggers` and run `pulumi up` again.",
    );
    this.name = "ReplacedEarlierError";
  }
}

/** A replacement that failed; `accepted` is set when ECS had accepted the call (the disk may be replaced). */
export class ReplaceError extends Error {
  constructor(message: string, readonly accepted?: ReplaceOutcome) {
    super(message);
    this.name = "ReplaceError";
  }
}

export async function replaceSystemDisk(ctx: OpsContext, req: ReplaceRequest): Promise<ReplaceOutcome> {
  const { instanceId } = req.params;
  const startedAt = clockNow();
  const accepted = await callThroughConflicts(() => ctx.api.replaceSystemDisk(req.params), {
    deadline: req.limit.deadline,
    settle: instanceSettler(ctx, req.regionId, instanceId, req.limit),
  });
  const outcome = { requestId: accepted.requestId, diskId: accepted.diskId };
  req.onAccepted?.();
  let goneReads = 0;
  try {
    await waitFor<[InstanceInfo | undefined, DiskInfo | undefined]>({
      read: async () => {
        const [instance, disks] = await Promise.all([
          ctx.readInstance(req.regionId, instanceId),
          ctx.readDisks(req.regionId, [outcome.diskId]),
        ]);
        const disk = disks.get(outcome.diskId);
        // ECS answered from its memory of the ClientToken with a disk that no longer exists, and
        // nothing is in flight: this request was carried out earlier and replaced since. Say so.
        goneReads = !disk && instance && !hasTransientLock(instance) ? goneReads + 1 : 0;
        if (goneReads >= 3) throw new ReplacedEarlierError(instanceId, outcome.diskId, req.params.clientToken);
        return [instance, disk];
      },
      done: ([instance, disk]) =>
        !!instance && !hasTransientLock(instance) && disk?.instanceId === instanceId && disk.status === "In_use",
      describe: ([instance, disk]) =>
        `instance ${instance ? `${instance.status}, OperationLocks [${instance.operationLocks.join(", ")}]` : "not found"}; ` +
        `disk ${outcome.diskId} ${disk ? `${disk.status}${disk.instanceId ? ` on ${disk.instanceId}` : ", unattached"}` : "not found"}`,
      waitingFor: `the new system disk ${outcome.diskId} to be attached to ${instanceId} and the instance's OperationLocks to clear`,
      subject: `${instanceId} ReplaceSystemDisk:`,
      ...req.limit,
      expect: { operation: "replace", startedAt },
    });
  } catch (err) {
    const e = new ReplaceError(errorMessage(err), outcome);
    (e as { cause?: unknown }).cause = err;
    throw e;
  }
  return outcome;
}
