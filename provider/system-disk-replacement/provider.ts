// The SystemDiskReplacement provider: preview side (check/diff/read) + apply side (create/update/delete).
import { type CheckResult, runCheck } from "../common/check";
import { type DiffResult, diffFrom } from "../common/changes";
import { buildProvider } from "../common/provider-methods";
import { applySystemDiskReplacement } from "./apply";
import { SYSTEM_DISK_CHANGES, changesSystemDiskReplacement } from "./changes";
import { planSystemDiskReplacement } from "./plan";
import { preflightSystemDiskReplacement } from "./preflight";
import { readSystemDiskReplacement } from "./read";
import { validateSystemDiskReplacement } from "./validate";

/** check: validation, preflight, plan. */
export function checkSystemDiskReplacement(olds: Record<string, any>, news: Record<string, any>): Promise<CheckResult> {
  return runCheck(
    {
      kind: "SystemDiskReplacement",
      validate: validateSystemDiskReplacement,
      changes: changesSystemDiskReplacement,
      preflight: preflightSystemDiskReplacement,
      plan: planSystemDiskReplacement,
      preflightKeys: ["instanceId", "imageId", "systemDiskSize", "password", "passwordInherit", "keyPairName", "regionId", "powerPolicy"],
      instanceOf: (facts) => ({ regionId: facts.regionId, instanceId: facts.instanceId }),
    },
    olds,
    news,
  );
}

/** diff: the verdict comes from the change table (plus drift recorded by a refresh, which re-runs the replacement). */
export async function diffSystemDiskReplacement(_id: string, olds: Record<string, any>, news: Record<string, any>): Promise<DiffResult> {
  return diffFrom(changesSystemDiskReplacement(olds, news));
}

export const systemDiskReplacementProvider = buildProvider({
  kind: "SystemDiskReplacement",
  idPrefix: "replace",
  check: checkSystemDiskReplacement,
  diff: diffSystemDiskReplacement,
  read: readSystemDiskReplacement,
  changes: changesSystemDiskReplacement,
  inputKeys: Object.keys(SYSTEM_DISK_CHANGES),
  target: (inputs) => String(inputs.instanceId),
  apply: applySystemDiskReplacement,
});
