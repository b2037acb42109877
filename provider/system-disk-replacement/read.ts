// read (refresh) for SystemDiskReplacement: reports the instance's real image and system disk.
// Changed outside Pulumi -> the real values in the outputs, the real imageId in the inputs (so
// the next `up` sees a diff and puts the image back) and a `drift` note (a system disk swapped
// for the same image re-runs too). Instance gone -> removed from the stack. Describe* only.
import { DRIFT_KEY, SYSTEM_DISK_CHANGES } from "./changes";
import { ecs } from "../common/context";
import { GONE, ReadResult, recordedInputs, regionOfRecord } from "../common/read";
import { unwrapSecrets } from "../common/validation-rules";

export type { ReadResult } from "../common/read";

export async function readSystemDiskReplacement(id: string, props: Record<string, any>): Promise<ReadResult> {
  const plain = unwrapSecrets(props);
  const regionId = regionOfRecord(plain);
  if (!regionId || typeof plain.instanceId !== "string") return { id, props };
  const [instances, disks] = await Promise.all([
    ecs().describeInstances(regionId, [plain.instanceId]),
    ecs().describeDisks(regionId, { instanceId: plain.instanceId }),
  ]);
  const instance = instances[0];
  if (!instance) return GONE;
  const systemDisk = disks.find((d) => d.type === "system");

  const outputs: Record<string, any> = { ...props };
  const inputs = recordedInputs(props, SYSTEM_DISK_CHANGES);
  const drift: string[] = Array.isArray(props[DRIFT_KEY]) ? [...props[DRIFT_KEY]] : [];
  let changed = false;
  if (instance.imageId && instance.imageId !== plain.imageId) {
    outputs.imageId = instance.imageId;
    inputs.imageId = instance.imageId;
    changed = true;
  }
  if (systemDisk && plain.systemDiskId && systemDisk.diskId !== plain.systemDiskId) {
    drift.push(`system disk is ${systemDisk.diskId} now, not ${plain.systemDiskId} created by this resource (changed outside Pulumi)`);
    outputs.systemDiskId = systemDisk.diskId;
    changed = true;
  }
  if (!changed) return { id, props };
  if (drift.length > 0) {
    outputs[DRIFT_KEY] = drift;
    inputs[DRIFT_KEY] = drift;
  }
  return { id, props: outputs, inputs };
}
