// read (refresh) for DiskRestore: a rollback is a past event, so the only reality to report is
// whether its disks and instance still exist. Gone -> removed from the stack; else unchanged.
import { ecs } from "./context";
import { GONE, ReadResult, regionOfRecord } from "./read-common";

export type { ReadResult } from "./read-common";

export async function readDiskRestore(id: string, props: Record<string, any>): Promise<ReadResult> {
  const regionId = regionOfRecord(props);
  const diskIds: string[] = Array.isArray(props.disks) ? props.disks.map((d: { diskId: string }) => d.diskId) : [];
  if (!regionId || diskIds.length === 0) return { id, props };
  const disks = await ecs().describeDisks(regionId, { diskIds });
  if (diskIds.some((d) => !disks.some((x) => x.diskId === d))) return GONE;
  if (typeof props.instanceId === "string" && props.instanceId) {
    const instances = await ecs().describeInstances(regionId, [props.instanceId]);
    if (instances.length === 0) return GONE;
  }
  return { id, props };
}
