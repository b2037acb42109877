// diff for SystemDiskReplacement: the verdict comes from changes-system-disk-replacement.ts
// (plus drift recorded by a refresh, which re-runs the replacement).
import { changesSystemDiskReplacement } from "./changes-system-disk-replacement";
import { DiffResult, diffFrom } from "./diff-common";

export type { DiffResult } from "./diff-common";

export async function diffSystemDiskReplacement(_id: string, olds: Record<string, any>, news: Record<string, any>): Promise<DiffResult> {
  return diffFrom(changesSystemDiskReplacement(olds, news));
}
