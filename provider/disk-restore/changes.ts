// THE table of what a change to each DiskRestore input means. diff uses it for its verdict,
// check for the plan, update (apply side) to decide between "run again" and "record settings".
import { ChangeTable, Changes, Verdict, applyTable, canonical, normalizeTimeouts, normalizeTriggers } from "../common/changes";
import { DISK_RESTORE_DEFAULTS } from "./types";
import { containsUnknown, isUnknown } from "../common/validation-rules";

type Pair = { diskId: unknown; snapshotId: unknown };

/** The disk set is the resource's identity; a new snapshot for the same disks re-runs the rollback. */
export function compareDisks(oldValue: unknown, newValue: unknown): Verdict | undefined {
  const unknownIds =
    isUnknown(newValue) || (Array.isArray(newValue) && newValue.some((d) => isUnknown(d) || containsUnknown(d?.diskId)));
  if (unknownIds) return "replace";
  if (!Array.isArray(newValue)) return canonical(oldValue) === canonical(newValue) ? undefined : "replace";
  const newPairs = newValue as Pair[];
  const oldPairs = Array.isArray(oldValue) ? (oldValue as Pair[]) : [];
  const oldIds = oldPairs.map((d) => String(d?.diskId)).sort();
  const newIds = newPairs.map((d) => String(d.diskId)).sort();
  if (oldIds.join("\n") !== newIds.join("\n")) return "replace";
  const oldSnap = new Map(oldPairs.map((d) => [String(d?.diskId), d?.snapshotId]));
  return newPairs.some((d) => containsUnknown(d.snapshotId) || oldSnap.get(String(d.diskId)) !== d.snapshotId)
    ? "rerun"
    : undefined;
}

export const DISK_RESTORE_CHANGES: ChangeTable = {
  disks: {
    verdict: "replace",
    compare: compareDisks,
    why: "a different set of disks is a different rollback (replace); a new snapshot for the same disks re-runs it (update); order does not matter",
  },
  instanceId: {
    verdict: "replace",
    omittedMeans: "no-change",
    why: "another instance is another resource; left out, the instance found from the disks is kept",
  },
  regionId: {
    verdict: "replace",
    omittedMeans: "no-change",
    why: "ids live in one region; left out, the recorded region is kept",
  },
  triggers: {
    verdict: "rerun",
    normalize: normalizeTriggers,
    omittedMeans: "settings",
    why: "any change re-runs the rollback (removing them only records that)",
  },
  powerPolicy: { verdict: "settings", default: DISK_RESTORE_DEFAULTS.powerPolicy, why: "how the next run handles power; nothing to redo" },
  forceStop: { verdict: "settings", default: DISK_RESTORE_DEFAULTS.forceStop, why: "how the next run stops the instance" },
  stoppedMode: { verdict: "settings", omittedMeans: "settings", why: "how the next run stops the instance" },
  strategy: { verdict: "settings", default: DISK_RESTORE_DEFAULTS.strategy, why: "which API the next run uses; the result is the same" },
  preflight: { verdict: "settings", default: DISK_RESTORE_DEFAULTS.preflight, why: "only affects checking" },
  timeouts: { verdict: "settings", normalize: normalizeTimeouts, why: "compared in seconds (\"10m\" == 600)" },
};

/** olds: the recorded outputs (or inputs: outputs echo them); news: checked inputs. */
export function changesDiskRestore(olds: Record<string, any>, news: Record<string, any>): Changes {
  return applyTable(DISK_RESTORE_CHANGES, olds ?? {}, news ?? {});
}
