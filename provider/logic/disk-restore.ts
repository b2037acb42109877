// The DiskRestore provider: preview side (check/diff/read) + apply side (create/update/delete).
import { applyDiskRestore } from "./apply-disk-restore";
import { DISK_RESTORE_CHANGES, changesDiskRestore } from "./changes-disk-restore";
import { checkDiskRestore } from "./check-disk-restore";
import { diffDiskRestore } from "./diff-disk-restore";
import { buildProvider } from "./provider-methods";
import { readDiskRestore } from "./read-disk-restore";

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
