// SystemDiskReplacement: replaces an ECS instance's system disk (new image, size, credentials).
import * as pulumi from "@pulumi/pulumi";
import type { Duration, PowerPolicy, SafetySnapshotInput, SafetySnapshotRecord, StoppedMode } from "../common/types";
import { makeProvider } from "../shim/serialized-provider";
import { registrationProps, TYPE_MODULE } from "../common/registration";

export interface SystemDiskReplacementArgs {
  /** The instance whose system disk is replaced. */
  instanceId: pulumi.Input<string>;
  /** The image for the new system disk. */
  imageId: pulumi.Input<string>;
  /** Size of the new system disk in GiB, 20 to 500. */
  systemDiskSize?: pulumi.Input<number>;
  /** Stored only as a Pulumi secret. */
  password?: pulumi.Input<string>;
  /** Keep the password preset in the image. */
  passwordInherit?: pulumi.Input<boolean>;
  /** SSH key pair for Linux images. */
  keyPairName?: pulumi.Input<string>;
  /** Encrypt the new system disk. */
  encrypted?: pulumi.Input<boolean>;
  /** KMS key for the encryption; only with `encrypted: true`. */
  kmsKeyId?: pulumi.Input<string>;
  /** Security Center agent on the new system (ECS's default when left out). */
  securityEnhancementStrategy?: pulumi.Input<"Active" | "Deactive">;
  /** Alibaba Cloud's system configuration (NTP, KMS, YUM) on the new system (ECS's default when left out). */
  useAdditionalService?: pulumi.Input<boolean>;
  /** Region of the instance; default: `alicloud:region`, then `ALIBABA_CLOUD_REGION_ID`, then found by lookup. */
  regionId?: pulumi.Input<string>;
  /** The power state to leave the instance in (default `restore`: the state it had before). */
  powerPolicy?: pulumi.Input<PowerPolicy>;
  /** Stop the instance forcibly (like pulling the plug; unsaved data may be lost). */
  forceStop?: pulumi.Input<boolean>;
  /** How to stop a pay-as-you-go instance (ECS's default when left out). */
  stoppedMode?: pulumi.Input<StoppedMode>;
  /** Ask ECS at preview and before the apply what would fail (read-only). */
  preflight?: pulumi.Input<boolean>;
  /** Time limit of each step: seconds or strings such as "90s", "10m", "1h". */
  timeouts?: pulumi.Input<{
    stop?: pulumi.Input<Duration>;
    replace?: pulumi.Input<Duration>;
    start?: pulumi.Input<Duration>;
    snapshot?: pulumi.Input<Duration>;
  }>;
  /** Any values; a change re-runs the replacement. */
  triggers?: pulumi.Input<unknown>;
  /** Off by default. On: a snapshot of the current system disk (finished) before it is released — the undo. Billed; see docs/safety-snapshots.md. */
  safetySnapshot?: pulumi.Input<{ enabled: pulumi.Input<boolean>; retentionDays?: pulumi.Input<number>; name?: pulumi.Input<string> }>;
}

const SECRET_KEYS = ["password"] as const;

const OUTPUT_KEYS = [
  "instanceId", "imageId", "systemDiskSize", "password", "passwordInherit", "keyPairName", "encrypted", "kmsKeyId",
  "securityEnhancementStrategy", "useAdditionalService", "regionId", "powerPolicy", "forceStop", "stoppedMode",
  "preflight", "timeouts", "triggers", "systemDiskId", "previousSystemDiskId", "previousImageId", "requestId",
  "replacedAt", "instanceStatusBefore", "instanceStatusAfter", "clientToken", "safetySnapshot", "safetySnapshots",
] as const;

export class SystemDiskReplacement extends pulumi.dynamic.Resource {
  // `declare`, not `!:`: with target ES2022 a class field would reset what super() registered.
  declare public readonly instanceId: pulumi.Output<string>;
  declare public readonly imageId: pulumi.Output<string>;
  declare public readonly systemDiskSize: pulumi.Output<number | undefined>;
  declare public readonly password: pulumi.Output<string | undefined>;
  declare public readonly passwordInherit: pulumi.Output<boolean | undefined>;
  declare public readonly keyPairName: pulumi.Output<string | undefined>;
  declare public readonly encrypted: pulumi.Output<boolean | undefined>;
  declare public readonly kmsKeyId: pulumi.Output<string | undefined>;
  declare public readonly securityEnhancementStrategy: pulumi.Output<"Active" | "Deactive" | undefined>;
  declare public readonly useAdditionalService: pulumi.Output<boolean | undefined>;
  /** The region the replacement ran in. */
  declare public readonly regionId: pulumi.Output<string>;
  declare public readonly powerPolicy: pulumi.Output<PowerPolicy | undefined>;
  declare public readonly forceStop: pulumi.Output<boolean | undefined>;
  declare public readonly stoppedMode: pulumi.Output<StoppedMode | undefined>;
  declare public readonly preflight: pulumi.Output<boolean | undefined>;
  declare public readonly timeouts: pulumi.Output<{ stop?: Duration; replace?: Duration; start?: Duration; snapshot?: Duration } | undefined>;
  declare public readonly safetySnapshot: pulumi.Output<SafetySnapshotInput | undefined>;
  /** The safety snapshot of the replaced system disk (the undo); [] when off. */
  declare public readonly safetySnapshots: pulumi.Output<SafetySnapshotRecord[]>;
  declare public readonly triggers: pulumi.Output<unknown>;
  /** The new system disk (ReplaceSystemDisk releases the old one and creates a new one). */
  declare public readonly systemDiskId: pulumi.Output<string>;
  /** The system disk before the replacement. */
  declare public readonly previousSystemDiskId: pulumi.Output<string>;
  /** The image the instance ran before the replacement. */
  declare public readonly previousImageId: pulumi.Output<string>;
  /** ECS request id of the ReplaceSystemDisk call. */
  declare public readonly requestId: pulumi.Output<string>;
  /** When the replacement finished (ISO-8601). */
  declare public readonly replacedAt: pulumi.Output<string>;
  /** The instance's status when the run began. */
  declare public readonly instanceStatusBefore: pulumi.Output<string>;
  /** The instance's status when the run finished. */
  declare public readonly instanceStatusAfter: pulumi.Output<string>;
  /** The idempotency token sent with ReplaceSystemDisk. */
  declare public readonly clientToken: pulumi.Output<string>;

  constructor(name: string, args: SystemDiskReplacementArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      makeProvider("SystemDiskReplacement"),
      name,
      registrationProps(OUTPUT_KEYS, args, SECRET_KEYS),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: [...SECRET_KEYS] }),
      TYPE_MODULE,
      "SystemDiskReplacement",
    );
  }
}
