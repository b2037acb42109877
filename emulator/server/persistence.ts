// --state FILE: the whole cloud on disk, written atomically (tmp + rename) after each change.
import * as fs from "fs";
import * as path from "path";
import type { Cloud, PersistedState } from "../model/cloud";

export function readStateFile(file: string): PersistedState | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")) as PersistedState;
}

export function writeStateFile(file: string, state: PersistedState): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
  fs.renameSync(tmp, file);
}

/** Saves the cloud after every change. */
export function persistTo(cloud: Cloud, file: string): void {
  cloud.onChange(() => writeStateFile(file, cloud.toState()));
}
