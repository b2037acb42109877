// check for DiskRestore: validation, preflight, plan.
import { changesDiskRestore } from "./changes-disk-restore";
import { CheckResult, runCheck } from "./check-common";
import { planDiskRestore } from "./plan-disk-restore";
import { preflightDiskRestore } from "./preflight-disk-restore";
import { validateDiskRestore } from "./validate-disk-restore";

export type { CheckResult } from "./check-common";

export function checkDiskRestore(olds: Record<string, any>, news: Record<string, any>): Promise<CheckResult> {
  return runCheck(
    {
      kind: "DiskRestore",
      validate: validateDiskRestore,
      changes: changesDiskRestore,
      preflight: preflightDiskRestore,
      plan: planDiskRestore,
      preflightKeys: ["disks", "instanceId", "regionId", "powerPolicy", "strategy"],
    },
    olds,
    news,
  );
}
