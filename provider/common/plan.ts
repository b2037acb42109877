// Pieces of the human-readable `plan` check adds to the inputs: what the apply will do, shown by
// `pulumi preview --diff`. diff never looks at it (it cannot cause an update by itself).
import type { Changes } from "./changes";
import { UNKNOWN } from "./types";

export const PLAN_KEY = "plan";

/** How an id reads in a plan when preview does not know it yet. */
export function shown(value: unknown): string {
  return value === UNKNOWN || value === undefined ? "(known at apply)" : String(value);
}

/** The plan when the cloud operation does not run: nothing, or only recorded settings. */
export function plansWithoutOperation(changes: Changes | undefined): string[] | undefined {
  if (!changes || changes.replace.length > 0 || changes.rerun.length > 0) return undefined;
  if (changes.settings.length === 0) return ["no change: nothing to do in ECS"];
  return [`record new settings (${changes.settings.join(", ")}): no ECS call`];
}

/**
 * The plan's first line, always there: why the operation runs (a new resource, a replacement, a
 * re-run). The steps follow, then notes. `pulumi preview --diff` compares lists element by
 * element, so a fixed head keeps each step at its index from one plan to the next: a changed
 * step shows as one changed line instead of shifting every line.
 */
export function headLine(kind: string, changes: Changes | undefined): string {
  if (!changes) return `run: a new ${kind}`;
  if (changes.replace.length > 0) {
    // The reviewer must see that a new resource is made.
    return `replace: ${changes.replace.join(", ")} changed, so a new ${kind} runs; the old one is only removed from the stack (nothing is undone in ECS)`;
  }
  const what = changes.rerun.map((k) => (k === "drift" ? "the system disk was changed outside Pulumi (drift)" : `${k} changed`));
  return `run again: ${what.join(", ")}`;
}
