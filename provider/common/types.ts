// Shapes shared by both resource kinds. Each kind's own input and output shapes live in its folder
// (disk-restore/types.ts, system-disk-replacement/types.ts); names are fixed by CONTRACT.md.
export type { Duration, PowerPolicy, StoppedMode } from "../operations/types";

/** The `safetySnapshot` input of both resources (CONTRACT.md). */
export interface SafetySnapshotInput {
  /** true: snapshot every disk about to be overwritten or released, and wait until it is finished. */
  enabled: boolean;
  /** ECS releases the snapshots after this many days (1-65536); unset: kept until you delete them. */
  retentionDays?: number;
  /** ECS snapshot name: 2-128 characters, a letter first, not `auto…`/`http(s)://`. */
  name?: string;
}

/** One safety snapshot in the `safetySnapshots` output. */
export interface SafetySnapshotRecord {
  diskId: string;
  snapshotId: string;
}

/** The marker Pulumi uses for values not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
