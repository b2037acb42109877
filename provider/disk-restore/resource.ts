// DiskRestore: rolls one or more ECS disks of an instance back to snapshots.
import * as pulumi from "@pulumi/pulumi";
import type { Duration, PowerPolicy, StoppedMode } from "../common/types";
import { makeProvider } from "../shim/serialized-provider";
import { registrationProps, TYPE_MODULE } from "../common/registration";

export interface DiskRestoreArgs {
  /** 1 to 10 disks of one instance, each with the snapshot to roll back to. */
  disks: pulumi.Input<pulumi.Input<{ diskId: pulumi.Input<string>; snapshotId: pulumi.Input<string> }>[]>;
  instanceId?: pulumi.Input<string>;
  regionId?: pulumi.Input<string>;
  powerPolicy?: pulumi.Input<PowerPolicy>;
  forceStop?: pulumi.Input<boolean>;
  stoppedMode?: pulumi.Input<StoppedMode>;
  strategy?: pulumi.Input<"per-disk" | "batch">;
  preflight?: pulumi.Input<boolean>;
  timeouts?: pulumi.Input<{ stop?: pulumi.Input<Duration>; restore?: pulumi.Input<Duration>; start?: pulumi.Input<Duration> }>;
  /** Any values; a change re-runs the rollback. */
  triggers?: pulumi.Input<unknown>;
}

const OUTPUT_KEYS = [
  "disks", "instanceId", "regionId", "powerPolicy", "forceStop", "stoppedMode", "strategy", "preflight",
  "timeouts", "triggers", "instanceStatusBefore", "instanceStatusAfter", "requestIds", "restoredAt", "results",
] as const;

export class DiskRestore extends pulumi.dynamic.Resource {
  // `declare`, not `!:`: with target ES2022 a class field would reset what super() registered.
  declare public readonly disks: pulumi.Output<{ diskId: string; snapshotId: string }[]>;
  declare public readonly instanceId: pulumi.Output<string>;
  declare public readonly regionId: pulumi.Output<string>;
  declare public readonly powerPolicy: pulumi.Output<PowerPolicy | undefined>;
  declare public readonly forceStop: pulumi.Output<boolean | undefined>;
  declare public readonly stoppedMode: pulumi.Output<StoppedMode | undefined>;
  declare public readonly strategy: pulumi.Output<"per-disk" | "batch" | undefined>;
  declare public readonly preflight: pulumi.Output<boolean | undefined>;
  declare public readonly timeouts: pulumi.Output<{ stop?: Duration; restore?: Duration; start?: Duration } | undefined>;
  declare public readonly triggers: pulumi.Output<unknown>;
  declare public readonly instanceStatusBefore: pulumi.Output<string>;
  declare public readonly instanceStatusAfter: pulumi.Output<string>;
  declare public readonly requestIds: pulumi.Output<string[]>;
  declare public readonly restoredAt: pulumi.Output<string>;
  declare public readonly results: pulumi.Output<
    { diskId: string; snapshotId: string; status: string; errorCode?: string; errorMessage?: string }[]
  >;

  constructor(name: string, args: DiskRestoreArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("DiskRestore"), name, registrationProps(OUTPUT_KEYS, args), opts, TYPE_MODULE, "DiskRestore");
  }
}
