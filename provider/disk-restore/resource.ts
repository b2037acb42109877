// DiskRestore: rolls one or more ECS disks of an instance back to snapshots.
import * as pulumi from "@pulumi/pulumi";
import type { Duration, PowerPolicy, SafetySnapshotInput, SafetySnapshotRecord, StoppedMode } from "../common/types";
import { makeProvider } from "../shim/serialized-provider";
import { registrationProps, TYPE_MODULE } from "../common/registration";

export interface DiskRestoreArgs {
  /** 1 to 10 disks of one instance, each with the snapshot to roll back to. */
  disks: pulumi.Input<pulumi.Input<{ diskId: pulumi.Input<string>; snapshotId: pulumi.Input<string> }>[]>;
  /** The instance the disks are attached to; when given, every disk must be attached to it. */
  instanceId?: pulumi.Input<string>;
  /** Region of the disks; default: `alicloud:region`, then `ALIBABA_CLOUD_REGION_ID`, then found by lookup. */
  regionId?: pulumi.Input<string>;
  /** The power state to leave the instance in (default `restore`: the state it had before). */
  powerPolicy?: pulumi.Input<PowerPolicy>;
  /** Stop the instance forcibly (like pulling the plug; unsaved data may be lost). */
  forceStop?: pulumi.Input<boolean>;
  /** How to stop a pay-as-you-go instance (ECS's default when left out). */
  stoppedMode?: pulumi.Input<StoppedMode>;
  /** `per-disk`: one ResetDisk per disk; `batch`: one ResetDisks call for all of them. */
  strategy?: pulumi.Input<"per-disk" | "batch">;
  /** Ask ECS at preview and before the apply what would fail (read-only). */
  preflight?: pulumi.Input<boolean>;
  /** Time limit of each step: seconds or strings such as "90s", "10m", "1h". */
  timeouts?: pulumi.Input<{
    stop?: pulumi.Input<Duration>;
    restore?: pulumi.Input<Duration>;
    start?: pulumi.Input<Duration>;
    snapshot?: pulumi.Input<Duration>;
  }>;
  /** Any values; a change re-runs the rollback. */
  triggers?: pulumi.Input<unknown>;
  /** Off by default. On: a snapshot of each disk (finished) before it is overwritten — the undo. Billed; see docs/safety-snapshots.md. */
  safetySnapshot?: pulumi.Input<{ enabled: pulumi.Input<boolean>; retentionDays?: pulumi.Input<number>; name?: pulumi.Input<string> }>;
}

const OUTPUT_KEYS = [
  "disks", "instanceId", "regionId", "powerPolicy", "forceStop", "stoppedMode", "strategy", "preflight",
  "timeouts", "triggers", "instanceStatusBefore", "instanceStatusAfter", "requestIds", "restoredAt", "results",
  "safetySnapshot", "safetySnapshots",
] as const;

export class DiskRestore extends pulumi.dynamic.Resource {
  // `declare`, not `!:`: with target ES2022 a class field would reset what super() registered.
  declare public readonly disks: pulumi.Output<{ diskId: string; snapshotId: string }[]>;
  /** The instance the rollback ran on (empty for unattached disks). */
  declare public readonly instanceId: pulumi.Output<string>;
  /** The region the rollback ran in. */
  declare public readonly regionId: pulumi.Output<string>;
  declare public readonly powerPolicy: pulumi.Output<PowerPolicy | undefined>;
  declare public readonly forceStop: pulumi.Output<boolean | undefined>;
  declare public readonly stoppedMode: pulumi.Output<StoppedMode | undefined>;
  declare public readonly strategy: pulumi.Output<"per-disk" | "batch" | undefined>;
  declare public readonly preflight: pulumi.Output<boolean | undefined>;
  declare public readonly timeouts: pulumi.Output<{ stop?: Duration; restore?: Duration; start?: Duration; snapshot?: Duration } | undefined>;
  declare public readonly safetySnapshot: pulumi.Output<SafetySnapshotInput | undefined>;
  /** The safety snapshots taken before the disks were overwritten (the undo); [] when off. */
  declare public readonly safetySnapshots: pulumi.Output<SafetySnapshotRecord[]>;
  declare public readonly triggers: pulumi.Output<unknown>;
  /** The instance's status when the run began (`NotAttached` for unattached disks). */
  declare public readonly instanceStatusBefore: pulumi.Output<string>;
  /** The instance's status when the run finished. */
  declare public readonly instanceStatusAfter: pulumi.Output<string>;
  /** ECS request ids of the mutating calls (stop, reset, start), in the order sent. */
  declare public readonly requestIds: pulumi.Output<string[]>;
  /** When the rollback finished (ISO-8601). */
  declare public readonly restoredAt: pulumi.Output<string>;
  /** One entry per disk; `status` is `Success` or `Failed`. */
  declare public readonly results: pulumi.Output<
    { diskId: string; snapshotId: string; status: string; errorCode?: string; errorMessage?: string }[]
  >;

  constructor(name: string, args: DiskRestoreArgs, opts?: pulumi.CustomResourceOptions) {
    super(makeProvider("DiskRestore"), name, registrationProps(OUTPUT_KEYS, args), opts, TYPE_MODULE, "DiskRestore");
  }
}
