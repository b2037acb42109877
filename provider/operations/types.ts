// The words the operations speak (power policies, stop modes, durations). Every layer above uses
// these; they live here so that operations never import from the resource logic.
export type PowerPolicy = "restore" | "start" | "leave-stopped" | "fail-if-running";
export type StoppedMode = "KeepCharging" | "StopCharging";
/** Seconds, or a duration string such as "90s", "10m", "1h". */
export type Duration = number | string;
