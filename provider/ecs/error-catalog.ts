// ONE catalogue of ECS error codes, taken from the API documents in shared/seeds (ResetDisk,
// ResetDisks, ReplaceSystemDisk) plus the gateway-level codes every action can return.
// The emulator answers with these (status, code, message); the provider explains them (remedy).
// (Skeleton: the emulator work fills in every code from the seeds.)

export interface CatalogEntry {
  code: string;
  httpStatus: number;
  message: string;
  /** What the user should do, in one or two sentences. */
  remedy: string;
  /** Actions this entry applies to; undefined = any action (gateway-level). */
  actions?: string[];
}

export const ERROR_CATALOG: CatalogEntry[] = [
  {
    code: "IncorrectInstanceStatus",
    httpStatus: 403,
    message: "The current status of the resource does not support this operation.",
    remedy: "Wait until the instance is Stopped (or let the resource stop it: powerPolicy other than fail-if-running) and retry.",
  },
];

/** The entry for a code, preferring one scoped to the action when the same code differs per action. */
export function catalogEntry(code: string, action?: string): CatalogEntry | undefined {
  const matches = ERROR_CATALOG.filter((e) => e.code === code);
  return (
    matches.find((e) => action !== undefined && e.actions?.includes(action)) ??
    matches.find((e) => e.actions === undefined) ??
    matches[0]
  );
}
