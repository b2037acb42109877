// check for SystemDiskReplacement: validation, preflight, plan.
import { changesSystemDiskReplacement } from "./changes-system-disk-replacement";
import { CheckResult, runCheck } from "./check-common";
import { planSystemDiskReplacement } from "./plan-system-disk-replacement";
import { preflightSystemDiskReplacement } from "./preflight-system-disk-replacement";
import { validateSystemDiskReplacement } from "./validate-system-disk-replacement";

export type { CheckResult } from "./check-common";

export function checkSystemDiskReplacement(olds: Record<string, any>, news: Record<string, any>): Promise<CheckResult> {
  return runCheck(
    {
      kind: "SystemDiskReplacement",
      validate: validateSystemDiskReplacement,
      changes: changesSystemDiskReplacement,
      preflight: preflightSystemDiskReplacement,
      plan: planSystemDiskReplacement,
      preflightKeys: ["instanceId", "imageId", "systemDiskSize", "password", "passwordInherit", "keyPairName", "regionId", "powerPolicy"],
    },
    olds,
    news,
  );
}
