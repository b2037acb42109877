// The client conformance cases (test/clients/conformance-cases.json, shared with the Python
// runner): loading, "{{name}}" substitution, flattening into RPC parameters, and the checks a case
// states about its answer (counts, exact values, values saved for later cases).
import * as fs from "fs";
import * as path from "path";

export type ParamValue = string | number | boolean | ParamValue[] | { [k: string]: ParamValue };
export type Params = Record<string, ParamValue>;

export interface ConformanceCase {
  name: string;
  action: string;
  params: Params;
  /** Length of the list at each path. */
  count?: Record<string, number>;
  /** Exact value at each path. */
  equals?: Record<string, unknown>;
  /** Values to remember (`{{name}}` in later params), each a non-empty string at that path. */
  save?: Record<string, string>;
  /** The call must fail with this ECS error. */
  error?: { Code: string; HttpStatus: number };
}

export interface ConformanceSpec {
  region: string;
  /** Per action: response fields (model paths) that may be absent. */
  optionalFields: Record<string, string[]>;
  cases: ConformanceCase[];
}

export const CASES_PATH = path.join(__dirname, "..", "conformance-cases.json");

export function loadSpec(): ConformanceSpec {
  return JSON.parse(fs.readFileSync(CASES_PATH, "utf8")) as ConformanceSpec;
}

export function substitute(params: Params, saved: Record<string, string>): Params {
  const sub = (v: ParamValue): ParamValue => {
    if (typeof v === "string")
      return v.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
        if (saved[name] === undefined) throw new Error(`{{${name}}} was not saved by an earlier case`);
        return saved[name];
      });
    if (Array.isArray(v)) return v.map(sub);
    if (typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sub(x)]));
    return v;
  };
  return sub(params) as Params;
}

/** `{ Disk: [{ DiskId }] , SystemDisk: { Size: 40 } }` → `Disk.1.DiskId`, `SystemDisk.Size=40`. */
export function flatten(params: Params): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, v: ParamValue) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(`${prefix}.${i + 1}`, x));
    else if (typeof v === "object") for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
    else out[prefix] = String(v);
  };
  walk("", params);
  return out;
}

/** The value at `A.B[0].C` (undefined when any step is missing). */
export function valueAt(body: unknown, at: string): unknown {
  let cur: unknown = body;
  for (const step of at.split(".")) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(step);
    if (!m || cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[m[1]];
    for (const idx of m[2].match(/\d+/g) ?? []) cur = Array.isArray(cur) ? cur[Number(idx)] : undefined;
  }
  return cur;
}

/** What the case states about a successful answer; saves values into `saved`. Returns failures. */
export function checkAnswer(c: ConformanceCase, body: unknown, saved: Record<string, string>): string[] {
  const failures: string[] = [];
  for (const [at, n] of Object.entries(c.count ?? {})) {
    const list = valueAt(body, at);
    if (!Array.isArray(list) || list.length !== n) failures.push(`${at}: expected ${n} items, got ${Array.isArray(list) ? list.length : JSON.stringify(list)}`);
  }
  for (const [at, want] of Object.entries(c.equals ?? {})) {
    const got = valueAt(body, at);
    if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
  for (const [name, at] of Object.entries(c.save ?? {})) {
    const got = valueAt(body, at);
    if (typeof got !== "string" || got === "") failures.push(`${at}: expected a non-empty string to save as ${name}, got ${JSON.stringify(got)}`);
    else saved[name] = got;
  }
  return failures;
}
