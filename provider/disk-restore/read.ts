// read (refresh) for DiskRestore: a rollback is a past event, so the only reality to report is
// whether its disks and instance still exist. Gone -> removed from the stack; else unchanged.
import { ecs } from "../common/context";
import { GONE, ReadResult, regionOfRecord } from "../common/read";
import { unwrapSecrets } from "../common/validation-rules";

export type { ReadResult } from "../common/read";

export async function readDiskRestore(id: string, props: Record<string, any>): Promise<ReadResult> {
  const plain = unwrapSecrets(props);
  const regionId = regionOfRecord(plain);
  const diskIds: string[] = Array.isArray(plain.disks) ? plain.disks.map((d: { diskId: string }) => d?.diskId).filter((d: unknown) => typeof d === "string") : [];
  if (!regionId || diskIds.length === 0) return { id, props };
  const disks = await ecs().describeDisks(regionId, { diskIds });
  if (diskIds.some((d) => !disks.some((x) => x.diskId === d))) return GONE;
  if (typeof plain.instanceId === "string" && plain.instanceId) {
    const instances = await ecs().describeInstances(regionId, [plain.instanceId]);
    if (instances.length === 0) return GONE;
  }
  return { id, props };
}
