// Shapes shared by both resource kinds. Each kind's own input and output shapes live in its folder
// (disk-restore/types.ts, system-disk-replacement/types.ts); names are fixed by CONTRACT.md.
export type { Duration, PowerPolicy, StoppedMode } from "../operations/types";

/** The marker Pulumi uses for values not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
