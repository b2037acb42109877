// The SystemDiskReplacement provider: preview side (check/diff/read) + apply side (create/update/delete).
import { applySystemDiskReplacement } from "./apply-system-disk-replacement";
import { SYSTEM_DISK_CHANGES, changesSystemDiskReplacement } from "./changes-system-disk-replacement";
import { checkSystemDiskReplacement } from "./check-system-disk-replacement";
import { diffSystemDiskReplacement } from "./diff-system-disk-replacement";
import { buildProvider } from "./provider-methods";
import { readSystemDiskReplacement } from "./read-system-disk-replacement";

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
