// The resource pages (docs/disk-restore.md, docs/system-disk-replacement.md) against the code:
// - Inputs: exactly the properties of the `…Args` interface (resource.ts), each with its type
//   written out, "required" exactly for the required ones, the code's default where the code has
//   one (`DISK_RESTORE_DEFAULTS`, `SYSTEM_DISK_DEFAULTS`, `DEFAULT_TIMEOUTS`) and no literal
//   default where it has none, and a Meaning that starts from the property's doc comment;
// - Outputs: every class property that is not an input, with its type and doc comment (inputs
//   listed again must be class properties too); every input is a class property (an output);
// - the change table agrees with the resource's change rules (changes.ts), the power-policy table
//   lists every PowerPolicy, and the timeouts table every step with its default. (The change
//   tables moved here from docs/PREVIEW.md; test/preview/docs-table.test.ts checked them there.)
import { DISK_RESTORE_CHANGES } from "../../provider/disk-restore/changes";
import { DISK_RESTORE_DEFAULTS } from "../../provider/disk-restore/types";
import { DEFAULT_TIMEOUTS, type StepName } from "../../provider/operations/timeouts";
import { SYSTEM_DISK_CHANGES } from "../../provider/system-disk-replacement/changes";
import { SYSTEM_DISK_DEFAULTS } from "../../provider/system-disk-replacement/types";
import type { ChangeTable, Verdict } from "../../provider/common/changes";
import { codeSpans, tableUnder, type DocTable } from "../support/markdown";
import { classOutputs, interfaceProperties, type PropertyDoc } from "../support/ts-types";

interface ResourceSpec {
  page: string;
  file: string;
  args: string;
  className: string;
  defaults: Readonly<Record<string, unknown>>;
  changes: ChangeTable;
  steps: StepName[];
}

const RESOURCES: ResourceSpec[] = [
  {
    page: "docs/disk-restore.md",
    file: "provider/disk-restore/resource.ts",
    args: "DiskRestoreArgs",
    className: "DiskRestore",
    defaults: DISK_RESTORE_DEFAULTS,
    changes: DISK_RESTORE_CHANGES,
    steps: ["stop", "restore", "start", "snapshot"],
  },
  {
    page: "docs/system-disk-replacement.md",
    file: "provider/system-disk-replacement/resource.ts",
    args: "SystemDiskReplacementArgs",
    className: "SystemDiskReplacement",
    defaults: SYSTEM_DISK_DEFAULTS,
    changes: SYSTEM_DISK_CHANGES,
    steps: ["stop", "replace", "start", "snapshot"],
  },
];

/** Seconds as the docs write a duration: 300 → "5m", 3600 → "1h", 90 → "90s". */
function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** The first sentence of a doc comment, backticks dropped (the page's cell text has none either). */
function firstSentence(doc: string): string {
  const plain = doc.replace(/`/g, "");
  const end = plain.search(/\.(\s|$)/);
  return end < 0 ? plain : plain.slice(0, end + 1);
}

/** The rows of a table keyed by the code span of their first cell. */
function rowsByName(table: DocTable): Map<string, { row: string[]; spans: string[][] }> {
  const rows = new Map<string, { row: string[]; spans: string[][] }>();
  table.rows.forEach((row, i) => {
    const [name] = codeSpans(table.cells[i][0]);
    if (name === undefined) throw new Error(`${table.page}:${table.line}: row "${row[0]}" names no property in a code span`);
    if (rows.has(name)) throw new Error(`${table.page}: ${name} is listed twice under "${table.heading}"`);
    rows.set(name, { row, spans: table.cells[i].map(codeSpans) });
  });
  return rows;
}

const column = (table: DocTable, name: string) => {
  const i = table.header.indexOf(name);
  if (i < 0) throw new Error(`${table.page}:${table.line}: no column "${name}" in ${table.header.join(" | ")}`);
  return i;
};

describe.each(RESOURCES)("$page", (spec) => {
  const args: PropertyDoc[] = interfaceProperties(spec.file, spec.args);
  const outputs: PropertyDoc[] = classOutputs(spec.file, spec.className);
  const argNames = args.map((p) => p.name);

  test("every input is documented, and nothing else", () => {
    const rows = rowsByName(tableUnder(spec.page, "Inputs"));
    expect([...rows.keys()].sort()).toEqual([...argNames].sort());
  });

  test("each input's type is the code's, written out", () => {
    const table = tableUnder(spec.page, "Inputs");
    const rows = rowsByName(table);
    const typeCol = column(table, "Type");
    const wrong = args
      .filter((p) => rows.has(p.name))
      .map((p) => ({ name: p.name, documented: rows.get(p.name)!.spans[typeCol], code: [p.type] }))
      .filter((d) => JSON.stringify(d.documented) !== JSON.stringify(d.code));
    expect(wrong).toEqual([]);
  });

  test("each input's default is the code's: required, a default in code, or none written as a literal", () => {
    const table = tableUnder(spec.page, "Inputs");
    const rows = rowsByName(table);
    const col = column(table, "Default");
    const problems: string[] = [];
    for (const p of args.filter((a) => rows.has(a.name))) {
      const { row, spans } = rows.get(p.name)!;
      const cell = row[col];
      let expected: string | undefined;
      if (!p.optional) {
        if (cell !== "required") problems.push(`${p.name}: required in code, the page says "${cell}"`);
        continue;
      }
      if (cell === "required") problems.push(`${p.name}: optional in code, the page says required`);
      if (p.name === "timeouts") {
        const steps = spec.steps.map((s) => `${s}: "${duration(DEFAULT_TIMEOUTS[s])}"`);
        expected = `{ ${steps.join(", ")} }`;
      } else if (p.name in spec.defaults) {
        expected = JSON.stringify(spec.defaults[p.name]);
      }
      if (expected !== undefined) {
        if (JSON.stringify(spans[col]) !== JSON.stringify([expected])) problems.push(`${p.name}: default in code ${expected}, the page says "${cell}"`);
      } else if (spans[col].some((s) => /^(true|false|-?\d+(\.\d+)?|".*"|\{.*\}|\[.*\])$/.test(s))) {
        problems.push(`${p.name}: the page gives the literal default "${cell}", the code has none`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("each input has a doc comment, and its Meaning starts from it", () => {
    const table = tableUnder(spec.page, "Inputs");
    const rows = rowsByName(table);
    const col = column(table, "Meaning");
    const problems = args
      .filter((p) => rows.has(p.name))
      .flatMap((p) => {
        if (!p.doc) return [`${p.name}: no doc comment in ${spec.file}`];
        const meaning = rows.get(p.name)!.row[col];
        return meaning.includes(firstSentence(p.doc)) ? [] : [`${p.name}: Meaning does not contain "${firstSentence(p.doc)}"`];
      });
    expect(problems).toEqual([]);
  });

  test("every input is also an output (a class property)", () => {
    const names = outputs.map((o) => o.name);
    expect(argNames.filter((n) => !names.includes(n))).toEqual([]);
  });

  test("every output that is not an input is documented with its type and doc comment, and nothing else", () => {
    const table = tableUnder(spec.page, "Outputs");
    const rows = rowsByName(table);
    const typeCol = column(table, "Type");
    const meaningCol = column(table, "Meaning");
    const outputOnly = outputs.filter((o) => !argNames.includes(o.name)).map((o) => o.name);
    expect(outputOnly.filter((n) => !rows.has(n))).toEqual([]);
    const problems: string[] = [];
    for (const [name, { row, spans }] of rows) {
      const out = outputs.find((o) => o.name === name);
      if (!out) {
        problems.push(`${name}: not a property of ${spec.className}`);
        continue;
      }
      if (JSON.stringify(spans[typeCol]) !== JSON.stringify([out.type])) problems.push(`${name}: type in code ${out.type}, the page says "${row[typeCol]}"`);
      if (!out.doc) problems.push(`${name}: no doc comment on ${spec.className}.${name}`);
      else if (!row[meaningCol].includes(firstSentence(out.doc))) problems.push(`${name}: Meaning does not contain "${firstSentence(out.doc)}"`);
    }
    expect(problems).toEqual([]);
  });

  test("the change table gives each input the verdict of the code's change rules", () => {
    const table = tableUnder(spec.page, "Changes");
    const verdictOf = (text: string): Verdict | undefined =>
      /^replace/.test(text) ? "replace" : /^update: settings recorded/.test(text) ? "settings" : /^update: .*again/.test(text) ? "rerun" : undefined;
    const seen = new Map<string, Set<Verdict>>();
    const problems: string[] = [];
    table.rows.forEach((row, i) => {
      const verdict = verdictOf(row[1]);
      if (!verdict) problems.push(`row "${row[0]}": "${row[1]}" names no verdict (replace / update: … again / update: settings recorded)`);
      for (const name of codeSpans(table.cells[i][0])) {
        if (!seen.has(name)) seen.set(name, new Set());
        if (verdict) seen.get(name)!.add(verdict);
      }
    });
    expect([...seen.keys()].sort()).toEqual(Object.keys(spec.changes).sort());
    expect(Object.keys(spec.changes).sort()).toEqual([...argNames].sort());
    for (const [name, rule] of Object.entries(spec.changes)) {
      const documented = [...(seen.get(name) ?? [])].sort();
      // An input with its own comparison (the disk set) may show more than one verdict, its rule's among them.
      const ok = rule.compare ? documented.includes(rule.verdict) : JSON.stringify(documented) === JSON.stringify([rule.verdict]);
      // The disk set: another set replaces, new snapshots for the same disks re-run.
      if (spec.className === "DiskRestore" && name === "disks") expect(documented).toEqual(["replace", "rerun"]);
      if (!ok) problems.push(`${name}: the code's verdict is ${rule.verdict}, the page says ${documented.join(", ") || "nothing"}`);
    }
    expect(problems).toEqual([]);
  });

  test("the power-policy table lists every policy, the code's default marked", () => {
    const table = tableUnder(spec.page, "Power policies");
    const policies = interfaceProperties(spec.file, spec.args).find((p) => p.name === "powerPolicy")!.type.split(" | ").map((s) => JSON.parse(s));
    const documented = table.cells.map((c) => codeSpans(c[0])[0]);
    expect(documented).toEqual(policies);
    const marked = table.rows.filter((r) => /\(default\)/.test(r[0])).map((r, i) => r[0].replace(/\s*\(default\)/, "") || i);
    expect(marked).toEqual([spec.defaults.powerPolicy]);
  });

  test("the timeouts table lists every step with the code's default", () => {
    const table = tableUnder(spec.page, "Timeouts");
    const documented = table.rows.map((r, i) => [codeSpans(table.cells[i][0])[0], r[1]]);
    expect(documented).toEqual(spec.steps.map((s) => [s, duration(DEFAULT_TIMEOUTS[s])]));
    const timeoutsType = args.find((p) => p.name === "timeouts")!.type;
    expect(spec.steps.map((s) => `${s}?: Duration`).join("; ")).toBe(timeoutsType.replace(/^\{ | \}$/g, ""));
  });
});
