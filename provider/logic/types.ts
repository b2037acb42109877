// Plain (resolved) input and output shapes the resource logic works on. The user-facing
// `pulumi.Input<>` versions live in provider/resources/*; names are fixed by CONTRACT.md.

export type PowerPolicy = "restore" | "start" | "leave-stopped" | "fail-if-running";
export type StoppedMode = "KeepCharging" | "StopCharging";
/** Seconds, or a duration string such as "90s", "10m", "1h". */
export type Duration = number | string;

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

export interface SystemDiskReplacementInputs {
  instanceId: string;
  imageId: string;
  systemDiskSize?: number;
  password?: string; // secret
  passwordInherit?: boolean;
  keyPairName?: string;
  encrypted?: boolean;
  kmsKeyId?: string;
  securityEnhancementStrategy?: "Active" | "Deactive";
  useAdditionalService?: boolean;
  regionId?: string;
  powerPolicy?: PowerPolicy;
  forceStop?: boolean;
  stoppedMode?: StoppedMode;
  preflight?: boolean;
  timeouts?: { stop?: Duration; replace?: Duration; start?: Duration };
  triggers?: unknown;
}

export interface SystemDiskReplacementOutputs extends SystemDiskReplacementInputs {
  regionId: string;
  systemDiskId: string;
  previousSystemDiskId: string;
  previousImageId: string;
  requestId: string;
  replacedAt: string;
  instanceStatusBefore: string;
  instanceStatusAfter: string;
  clientToken: string;
}

/** The marker Pulumi uses for values not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
