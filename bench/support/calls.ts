// Reading the emulator's call log: how many calls of each action, which were DryRun checks,
// and which ones were refused.
import type { CallLogEntry } from "../../emulator";

export const MUTATING_ACTIONS = ["StopInstance", "StartInstance", "ResetDisk", "ResetDisks", "ReplaceSystemDisk"];

export interface CallCounts {
  total: number;
  /** Calls by action; a DryRun call counts as "<Action> (DryRun)". */
  byAction: Record<string, number>;
  describe: number;
  /** Calls that change something (DryRun calls excluded). */
  mutating: number;
  /** DryRun=true calls (preflight permission/state checks; they change nothing). */
  dryRun: number;
  /** Answered with HTTP >= 400 (expected DryRun refusals and throttling included). */
  failed: number;
  throttled: number;
}

export function isDryRun(e: CallLogEntry): boolean {
  return String(e.Params?.DryRun).toLowerCase() === "true";
}

export function countCalls(entries: CallLogEntry[]): CallCounts {
  const byAction: Record<string, number> = {};
  for (const e of entries) {
    const key = isDryRun(e) ? `${e.Action} (DryRun)` : e.Action;
    byAction[key] = (byAction[key] ?? 0) + 1;
  }
  return {
    total: entries.length,
    byAction,
    describe: entries.filter((e) => e.Action.startsWith("Describe")).length,
    mutating: entries.filter((e) => MUTATING_ACTIONS.includes(e.Action) && !isDryRun(e)).length,
    dryRun: entries.filter(isDryRun).length,
    failed: entries.filter((e) => e.HttpStatus >= 400).length,
    throttled: entries.filter((e) => (e.Code ?? "").startsWith("Throttling")).length,
  };
}

/** "DescribeDisks 3, StopInstance 1, ..." in a stable order (Describe* first, then the rest). */
export function formatBreakdown(byAction: Record<string, number | string>): string {
  return Object.entries(byAction)
    .sort(([a], [b]) => Number(!a.startsWith("Describe")) - Number(!b.startsWith("Describe")) || a.localeCompare(b))
    .map(([action, n]) => `${action} ${n}`)
    .join(", ");
}
