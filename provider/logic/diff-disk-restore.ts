// diff for DiskRestore: the verdict comes from the ONE table in changes-disk-restore.ts.
import { changesDiskRestore } from "./changes-disk-restore";
import { DiffResult, diffFrom } from "./diff-common";

export type { DiffResult } from "./diff-common";

/** olds: the recorded outputs; news: the checked inputs (`plan` and output-only keys are ignored). */
export async function diffDiskRestore(_id: string, olds: Record<string, any>, news: Record<string, any>): Promise<DiffResult> {
  return diffFrom(changesDiskRestore(olds, news));
}
