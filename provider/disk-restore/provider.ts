// The DiskRestore provider: preview side (check/diff/read) + apply side (create/update/delete).
import { type CheckResult, runCheck } from "../common/check";
import { type DiffResult, diffFrom } from "../common/changes";
import { buildProvider } from "../common/provider-methods";
import { applyDiskRestore } from "./apply";
import { DISK_RESTORE_CHANGES, changesDiskRestore } from "./changes";
import { planDiskRestore } from "./plan";
import { preflightDiskRestore } from "./preflight";
import { readDiskRestore } from "./read";
import { validateDiskRestore } from "./validate";

/** check: validation, preflight, plan. */
export function checkDiskRestore(olds: Record<string, any>, news: Record<string, any>): Promise<CheckResult> {
  return runCheck(
    {
      kind: "DiskRestore",
      validate: validateDiskRestore,
      changes: changesDiskRestore,
      preflight: preflightDiskRestore,
      plan: planDiskRestore,
      preflightKeys: ["disks", "instanceId", "regionId", "powerPolicy", "strategy"],
      instanceOf: (facts) => ({ regionId: facts.regionId, instanceId: facts.instanceId }),
    },
    olds,
    news,
  );
}

/** diff: the verdict comes from the ONE change table in ./changes.ts (`plan` and output-only keys are ignored). */
export async function diffDiskRestore(_id: string, olds: Record<string, any>, news: Record<string, any>): Promise<DiffResult> {
  return diffFrom(changesDiskRestore(olds, news));
}

export const diskRestoreProvider = buildProvider({
  kind: "DiskRestore",
  idPrefix: "restore",
  check: checkDiskRestore,
  diff: diffDiskRestore,
  read: readDiskRestore,
  changes: changesDiskRestore,
  inputKeys: Object.keys(DISK_RESTORE_CHANGES),
  target: (inputs) => String(inputs.instanceId ?? inputs.disks?.[0]?.diskId ?? "disks"),
  apply: applyDiskRestore,
});
