// Package entry: the two resources and their argument and state types. Keep it light: the
// resource logic and the ECS client load inside the provider process, not here.
export { DiskRestore, DiskRestoreArgs } from "./resources/disk-restore";
export { SystemDiskReplacement, SystemDiskReplacementArgs } from "./resources/system-disk-replacement";
export type {
  DiskRestoreInputs,
  DiskRestoreOutputs,
  SystemDiskReplacementInputs,
  SystemDiskReplacementOutputs,
  PowerPolicy,
  StoppedMode,
  Duration,
} from "./logic/types";
export type { ResourceKind } from "./logic";
