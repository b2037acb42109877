// diff from the change tables: replace keys -> replaces, any difference -> changes: true.
import { Changes, hasChanges } from "./changes-common";

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export function diffFrom(changes: Changes): DiffResult {
  // Nothing in ECS is undone by delete, so the new resource may run before the old one leaves.
  return { changes: hasChanges(changes), replaces: [...changes.replace], deleteBeforeReplace: false };
}
