// Typed access to the flattened RPC parameters (`Disk.1.DiskId`, `InstanceId.1`, JSON-array ids).
// Every getter answers bad input with MissingParameter / InvalidParameter naming the parameter.
import { invalid, missing } from "./errors";

export class Params {
  constructor(
    readonly raw: Record<string, string>,
    readonly action: string,
  ) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== "";
  }

  str(name: string): string | undefined {
    const v = this.raw[name];
    return v === undefined || v === "" ? undefined : v;
  }

  required(name: string): string {
    const v = this.str(name);
    if (v === undefined) throw missing(name, this.action);
    return v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw invalid(name, this.action);
    return v as T;
  }

  bool(name: string): boolean | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (v === "true" || v === "True") return true;
    if (v === "false" || v === "False") return false;
    throw invalid(name, this.action);
  }

  int(name: string, range?: { min?: number; max?: number }): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) throw invalid(name, this.action);
    const n = Number(v);
    if ((range?.min !== undefined && n < range.min) || (range?.max !== undefined && n > range.max)) throw invalid(name, this.action);
    return n;
  }

  /** `DiskIds=["d-1","d-2"]`: a JSON array of strings, at most `max`. */
  jsonIds(name: string, max = 100): string[] | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      throw invalid(name, this.action);
    }
    if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== "string") || parsed.length > max) throw invalid(name, this.action);
    return parsed as string[];
  }

  /** `InstanceId.1=...&InstanceId.2=...` in index order. */
  repeated(prefix: string, max = 100): string[] {
    const re = new RegExp(`^${escape(prefix)}\\.(\\d+)$`);
    const found = this.indexed(re).map(([i, key]) => [i, this.raw[key]] as [number, string]);
    if (found.length > max || found.some(([i]) => i < 1 || i > max)) throw invalid(prefix, this.action);
    return found.filter(([, v]) => v !== "").map(([, v]) => v);
  }

  /** `Disk.1.DiskId=...&Disk.1.SnapshotId=...` as objects in index order. */
  repeatedObjects(prefix: string, fields: string[], max = 100): { index: number; values: Record<string, string | undefined> }[] {
    const re = new RegExp(`^${escape(prefix)}\\.(\\d+)\\.(${fields.map(escape).join("|")})$`);
    const byIndex = new Map<number, Record<string, string | undefined>>();
    for (const key of Object.keys(this.raw)) {
      const m = re.exec(key);
      if (!m) continue;
      const i = Number(m[1]);
      if (i < 1 || i > max) throw invalid(`${prefix}.${m[1]}.${m[2]}`, this.action);
      const entry = byIndex.get(i) ?? {};
      entry[m[2]] = this.raw[key] === "" ? undefined : this.raw[key];
      byIndex.set(i, entry);
    }
    if (byIndex.size > max) throw invalid(prefix, this.action);
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([index, values]) => ({ index, values }));
  }

  private indexed(re: RegExp): [number, string][] {
    const out: [number, string][] = [];
    for (const key of Object.keys(this.raw)) {
      const m = re.exec(key);
      if (m) out.push([Number(m[1]), key]);
    }
    return out.sort((a, b) => a[0] - b[0]);
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
