// The plain (resolved) input and output shapes of DiskRestore, and the defaults of its optional inputs.
// The user-facing `pulumi.Input<>` version is in ./resource.ts; names are fixed by CONTRACT.md.
import { COMMON_DEFAULTS } from "../common/input-defaults";
import type { Duration, PowerPolicy, StoppedMode } from "../common/types";

export interface DiskRestoreInputs {
  disks: { diskId: string; snapshotId: string }[];
  instanceId?: string;
  regionId?: string;
  powerPolicy?: PowerPolicy;
  forceStop?: boolean;
  stoppedMode?: StoppedMode;
  strategy?: "per-disk" | "batch";
  preflight?: boolean;
  timeouts?: { stop?: Duration; restore?: Duration; start?: Duration };
  triggers?: unknown;
}

export interface DiskRestoreOutputs extends DiskRestoreInputs {
  instanceId: string;
  regionId: string;
  instanceStatusBefore: string;
  instanceStatusAfter: string;
  requestIds: string[];
  restoredAt: string; // ISO-8601
  results: { diskId: string; snapshotId: string; status: string; errorCode?: string; errorMessage?: string }[];
}

export const DISK_RESTORE_DEFAULTS = {
  ...COMMON_DEFAULTS,
  strategy: "per-disk",
} as const;
