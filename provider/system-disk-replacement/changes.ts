// THE table of what a change to each SystemDiskReplacement input means (diff, check's plan, update).
import { ChangeTable, Changes, applyTable, normalizeTimeouts, normalizeTriggers } from "../common/changes";
import { SYSTEM_DISK_DEFAULTS } from "./types";

const rerun = (why: string) => ({ verdict: "rerun" as const, omittedMeans: "settings" as const, why });

export const SYSTEM_DISK_CHANGES: ChangeTable = {
  instanceId: { verdict: "replace", why: "another instance is another resource" },
  regionId: { verdict: "replace", omittedMeans: "no-change", why: "ids live in one region; left out, the recorded region is kept" },
  imageId: { verdict: "rerun", why: "the system disk is replaced again from the new image" },
  systemDiskSize: rerun("a new system disk of that size (removing it keeps the current disk)"),
  password: rerun("the new disk is created with that password (removing it keeps the current disk)"),
  passwordInherit: { verdict: "rerun", default: SYSTEM_DISK_DEFAULTS.passwordInherit, why: "login setting of the new disk" },
  keyPairName: rerun("login setting of the new disk (removing it keeps the current disk)"),
  encrypted: { verdict: "rerun", default: SYSTEM_DISK_DEFAULTS.encrypted, why: "encryption is fixed when the disk is created" },
  kmsKeyId: rerun("encryption is fixed when the disk is created (removing it keeps the current disk)"),
  securityEnhancementStrategy: rerun("applied when the disk is created (removing it keeps the current disk)"),
  useAdditionalService: rerun("applied when the disk is created (removing it keeps the current disk)"),
  triggers: { ...rerun("any change replaces the system disk again (removing them only records that)"), normalize: normalizeTriggers },
  powerPolicy: { verdict: "settings", default: SYSTEM_DISK_DEFAULTS.powerPolicy, why: "how the next run handles power" },
  forceStop: { verdict: "settings", default: SYSTEM_DISK_DEFAULTS.forceStop, why: "how the next run stops the instance" },
  stoppedMode: { verdict: "settings", omittedMeans: "settings", why: "how the next run stops the instance" },
  preflight: { verdict: "settings", default: SYSTEM_DISK_DEFAULTS.preflight, why: "only affects checking" },
  timeouts: { verdict: "settings", normalize: normalizeTimeouts, why: "compared in seconds (\"10m\" == 600)" },
};

/** Set by read when the instance's system disk was changed outside Pulumi: the next up re-runs. */
export const DRIFT_KEY = "drift";

export function changesSystemDiskReplacement(olds: Record<string, any>, news: Record<string, any>): Changes {
  const changes = applyTable(SYSTEM_DISK_CHANGES, olds ?? {}, news ?? {});
  const drift = olds?.[DRIFT_KEY];
  if (Array.isArray(drift) && drift.length > 0 && !news?.[DRIFT_KEY]) changes.rerun.push(DRIFT_KEY);
  return changes;
}
