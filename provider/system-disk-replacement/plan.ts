// The `plan` of a SystemDiskReplacement: which instance is stopped (and started again), which
// image and size the new system disk gets, how to log in. From preflight facts when there are any.
import type { Changes } from "../common/changes";
import { SYSTEM_DISK_DEFAULTS } from "./types";
import { headLine, plansWithoutOperation, shown } from "../common/plan";
import { powerPlan } from "../common/preflight";
import type { SystemDiskFacts } from "./preflight";
import type { SystemDiskReplacementInputs } from "./types";
import { safetySnapshotPlan } from "../common/safety-snapshot";

function loginText(inputs: SystemDiskReplacementInputs): string {
  if (inputs.keyPairName) return `key pair ${shown(inputs.keyPairName)}`;
  if (inputs.password) return "a new password (secret)";
  if (inputs.passwordInherit) return "the image's preset password";
  return "no new password or key pair";
}

export function planSystemDiskReplacement(
  inputs: SystemDiskReplacementInputs,
  facts: SystemDiskFacts | undefined,
  changes: Changes | undefined,
  notes: string[] = [],
): string[] {
  const quiet = plansWithoutOperation(changes);
  if (quiet) return quiet;
  const policy = inputs.powerPolicy ?? SYSTEM_DISK_DEFAULTS.powerPolicy;
  const instanceId = shown(inputs.instanceId);
  const power = powerPlan(instanceId, facts?.instanceStatus, policy);
  const size = facts
    ? `${facts.targetSizeGiB} GiB`
    : inputs.systemDiskSize !== undefined
      ? `${shown(inputs.systemDiskSize)} GiB`
      : "the default size (at least 40 GiB and the image size)";
  const from = facts
    ? `system disk ${facts.currentSystemDiskId ?? "(none)"} (image ${facts.currentImageId}${facts.currentSizeGiB ? `, ${facts.currentSizeGiB} GiB` : ""})`
    : "the system disk";
  const encryption = inputs.encrypted ? `, encrypted${inputs.kmsKeyId ? ` with KMS key ${shown(inputs.kmsKeyId)}` : ""}` : "";
  const replace = `replace ${from} of ${instanceId} with a new disk from image ${shown(inputs.imageId)}${facts ? ` (${facts.osType}, ${facts.imageSizeGiB} GiB)` : ""}, ${size}${encryption}; login: ${loginText(inputs)} (ReplaceSystemDisk)`;
  const snapshot = safetySnapshotPlan(
    inputs.safetySnapshot,
    [facts?.currentSystemDiskId ? `system disk ${facts.currentSystemDiskId}` : `the current system disk of ${instanceId}`],
    inputs.timeouts,
  );
  return [headLine("SystemDiskReplacement", changes), ...power.before, ...snapshot, replace, ...power.after, ...notes];
}
