// Package entry: the two resources and their argument and state types. Keep it light: the
// resource logic and the ECS client load inside the provider process, not here.
export { DiskRestore, DiskRestoreArgs } from "./disk-restore/resource";
export { SystemDiskReplacement, SystemDiskReplacementArgs } from "./system-disk-replacement/resource";
export type { DiskRestoreInputs, DiskRestoreOutputs } from "./disk-restore/types";
export type { SystemDiskReplacementInputs, SystemDiskReplacementOutputs } from "./system-disk-replacement/types";
export type { PowerPolicy, StoppedMode, Duration } from "./common/types";
export type { ResourceKind } from "./implementation";
