// The plain (resolved) input and output shapes of SystemDiskReplacement, and the defaults of its optional inputs.
// The user-facing `pulumi.Input<>` version is in ./resource.ts; names are fixed by CONTRACT.md.
import { COMMON_DEFAULTS } from "../common/input-defaults";
import type { Duration, PowerPolicy, StoppedMode } from "../common/types";

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

export const SYSTEM_DISK_DEFAULTS = {
  ...COMMON_DEFAULTS,
  encrypted: false,
  passwordInherit: false,
} as const;
