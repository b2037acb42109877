// What the demo (and the example tests) read from the emulator: a compact view of chosen
// instances and their disks from GET /__emulator/state, the mutating calls made since a mark
// (GET /__emulator/calls), and a readable table plus a list of what changed between two views.

export interface DiskView {
  diskId: string;
  type: string;
  status: string;
  size: number;
  imageId: string;
  sourceSnapshotId: string;
}

export interface InstanceView {
  instanceId: string;
  name: string;
  status: string;
  imageId: string;
  /** System disk first, then data disks by device. */
  disks: DiskView[];
}

export interface CallEntry {
  Action: string;
  HttpStatus: number;
  Code?: string;
  RequestId: string;
  At: string;
}

/** The ECS actions that change something (the rest only read). */
export const MUTATING_ACTIONS = ["StopInstance", "StartInstance", "RebootInstance", "ResetDisk", "ResetDisks", "ReplaceSystemDisk"];

async function admin<T>(baseUrl: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`);
  if (!res.ok) throw new Error(`emulator ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The listed instances (in that order) with their disks, as the emulator has them now. */
export async function readCloud(baseUrl: string, instanceIds: string[]): Promise<InstanceView[]> {
  const state = await admin<{ Instances: any[]; Disks: any[] }>(baseUrl, "/__emulator/state");
  return instanceIds.map((id) => {
    const inst = state.Instances.find((i) => i.InstanceId === id);
    if (!inst) throw new Error(`instance ${id} is not in the emulator`);
    const disks = state.Disks.filter((d) => d.InstanceId === id)
      .sort((a, b) => (a.Type === "system" ? -1 : b.Type === "system" ? 1 : String(a.Device).localeCompare(String(b.Device))))
      .map((d): DiskView => ({
        diskId: d.DiskId, type: d.Type, status: d.Status, size: d.Size, imageId: d.ImageId ?? "", sourceSnapshotId: d.SourceSnapshotId ?? "",
      }));
    return { instanceId: id, name: inst.InstanceName ?? "", status: inst.Status, imageId: inst.ImageId ?? "", disks };
  });
}

export async function readCalls(baseUrl: string): Promise<CallEntry[]> {
  return admin<CallEntry[]>(baseUrl, "/__emulator/calls");
}

/** Successful mutating calls, e.g. "StopInstance, ReplaceSystemDisk, ResetDisk, StartInstance". */
export function describeMutatingCalls(calls: CallEntry[]): string {
  const done = calls.filter((c) => MUTATING_ACTIONS.includes(c.Action) && c.HttpStatus < 400).map((c) => c.Action);
  return done.length ? done.join(" → ") : "none (read-only calls only)";
}

const COLUMNS = ["INSTANCE", "POWER", "DISK", "TYPE", "STATE", "SIZE", "IMAGE", "SOURCE SNAPSHOT"];

/** A table, one row per disk; cells that differ from `before` carry a trailing "*". */
export function renderCloudTable(view: InstanceView[], before?: InstanceView[]): string {
  const rows: string[][] = [COLUMNS];
  for (const inst of view) {
    const old = before?.find((i) => i.instanceId === inst.instanceId);
    const power = mark(inst.status, old && old.status !== inst.status);
    const disks = inst.disks.length ? inst.disks : [undefined];
    disks.forEach((d, n) => {
      // A new system disk is compared with the system disk it replaced.
      const sameDisk = d && old?.disks.find((x) => x.diskId === d.diskId);
      const oldDisk = sameDisk || (d?.type === "system" ? old?.disks.find((x) => x.type === "system") : undefined);
      const isNew = !!(d && old && !sameDisk);
      const changed = (k: keyof DiskView) => !!(d && old && (!oldDisk || oldDisk[k] !== d[k]));
      rows.push([
        n === 0 ? inst.instanceId : "",
        n === 0 ? power : "",
        d ? mark(d.diskId, isNew) : "-",
        d?.type ?? "",
        d ? mark(d.status, changed("status")) : "",
        d ? mark(`${d.size} GiB`, changed("size")) : "",
        d ? mark(d.imageId || "-", changed("imageId")) : "",
        d ? mark(d.sourceSnapshotId || "-", changed("sourceSnapshotId")) : "",
      ]);
    });
  }
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => "  " + r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd()).join("\n") + "\n";
}

function mark(text: string, changed: boolean | undefined): string {
  return changed ? `${text}*` : text;
}

/** Plain sentences for what differs between two views (empty when nothing did). */
export function describeChanges(before: InstanceView[], after: InstanceView[], calls: CallEntry[] = []): string[] {
  const lines: string[] = [];
  const done = (action: string) => calls.some((c) => c.Action === action && c.HttpStatus < 400);
  for (const inst of after) {
    const old = before.find((i) => i.instanceId === inst.instanceId);
    if (!old) continue;
    if (old.status !== inst.status) lines.push(`${inst.instanceId} is ${inst.status} (was ${old.status})`);
    // The call log names no instances: only say it for a single instance in view.
    else if (after.length === 1 && done("StopInstance") && done("StartInstance")) {
      lines.push(`${inst.instanceId} was stopped for the work and started again: ${inst.status}, as before`);
    }
    if (old.imageId !== inst.imageId) lines.push(`${inst.instanceId} runs image ${inst.imageId} (was ${old.imageId})`);
    const oldSystem = old.disks.find((d) => d.type === "system");
    const newSystem = inst.disks.find((d) => d.type === "system");
    if (oldSystem && newSystem && oldSystem.diskId !== newSystem.diskId) {
      lines.push(
        `${inst.instanceId} has a new system disk ${newSystem.diskId} (${newSystem.imageId}, ${newSystem.size} GiB); ` +
          `${oldSystem.diskId} (${oldSystem.imageId}, ${oldSystem.size} GiB) was released`,
      );
    }
    for (const d of inst.disks) {
      const o = old.disks.find((x) => x.diskId === d.diskId);
      if (!o) continue;
      if (o.sourceSnapshotId !== d.sourceSnapshotId) lines.push(`${d.diskId} was rolled back to snapshot ${d.sourceSnapshotId || "-"}`);
      if (o.status !== d.status) lines.push(`${d.diskId} is ${d.status} (was ${o.status})`);
    }
  }
  return lines;
}
