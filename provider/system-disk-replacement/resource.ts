// SystemDiskReplacement: replaces an ECS instance's system disk (new image, size, credentials).
import * as pulumi from "@pulumi/pulumi";
import type { Duration, PowerPolicy, StoppedMode } from "../common/types";
import { makeProvider } from "../shim/serialized-provider";
import { registrationProps, TYPE_MODULE } from "../common/registration";

export interface SystemDiskReplacementArgs {
  instanceId: pulumi.Input<string>;
  imageId: pulumi.Input<string>;
  systemDiskSize?: pulumi.Input<number>;
  /** Stored only as a Pulumi secret. */
  password?: pulumi.Input<string>;
  passwordInherit?: pulumi.Input<boolean>;
  keyPairName?: pulumi.Input<string>;
  encrypted?: pulumi.Input<boolean>;
  kmsKeyId?: pulumi.Input<string>;
  securityEnhancementStrategy?: pulumi.Input<"Active" | "Deactive">;
  useAdditionalService?: pulumi.Input<boolean>;
  regionId?: pulumi.Input<string>;
  powerPolicy?: pulumi.Input<PowerPolicy>;
  forceStop?: pulumi.Input<boolean>;
  stoppedMode?: pulumi.Input<StoppedMode>;
  preflight?: pulumi.Input<boolean>;
  timeouts?: pulumi.Input<{ stop?: pulumi.Input<Duration>; replace?: pulumi.Input<Duration>; start?: pulumi.Input<Duration> }>;
  /** Any values; a change re-runs the replacement. */
  triggers?: pulumi.Input<unknown>;
}

const SECRET_KEYS = ["password"] as const;

const OUTPUT_KEYS = [
  "instanceId", "imageId", "systemDiskSize", "password", "passwordInherit", "keyPairName", "encrypted", "kmsKeyId",
  "securityEnhancementStrategy", "useAdditionalService", "regionId", "powerPolicy", "forceStop", "stoppedMode",
  "preflight", "timeouts", "triggers", "systemDiskId", "previousSystemDiskId", "previousImageId", "requestId",
  "replacedAt", "instanceStatusBefore", "instanceStatusAfter", "clientToken",
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
  declare public readonly regionId: pulumi.Output<string>;
  declare public readonly powerPolicy: pulumi.Output<PowerPolicy | undefined>;
  declare public readonly forceStop: pulumi.Output<boolean | undefined>;
  declare public readonly stoppedMode: pulumi.Output<StoppedMode | undefined>;
  declare public readonly preflight: pulumi.Output<boolean | undefined>;
  declare public readonly timeouts: pulumi.Output<{ stop?: Duration; replace?: Duration; start?: Duration } | undefined>;
  declare public readonly triggers: pulumi.Output<unknown>;
  declare public readonly systemDiskId: pulumi.Output<string>;
  declare public readonly previousSystemDiskId: pulumi.Output<string>;
  declare public readonly previousImageId: pulumi.Output<string>;
  declare public readonly requestId: pulumi.Output<string>;
  declare public readonly replacedAt: pulumi.Output<string>;
  declare public readonly instanceStatusBefore: pulumi.Output<string>;
  declare public readonly instanceStatusAfter: pulumi.Output<string>;
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
