// docs/emulator.md against the emulator itself: the supported actions are the action registry
// (emulator/actions/index.ts) with their default flow-control limits, the flow-control table is
// DEFAULT_RATE_LIMITS, the CLI flags are those emulator/cli.ts reads, the startEmulator options
// are EmulatorOptions, and the error tables list every code the emulator's source raises, each
// in the error catalogue (provider/ecs/error-catalog.ts) with the HTTP status the page gives.
import * as fs from "fs";
import * as path from "path";
import { ACTIONS } from "../../emulator/actions";
import { DEFAULT_RATE_LIMITS } from "../../emulator/server/rate-limiter";
import { catalogEntry, ERROR_CATALOG } from "../../provider/ecs/error-catalog";
import { codeSpans, ROOT, tablesUnder, tableUnder, type DocTable } from "../support/markdown";
import { interfaceProperties } from "../support/ts-types";

const PAGE = "docs/emulator.md";

const firstSpan = (t: DocTable, row: number, col = 0) => codeSpans(t.cells[row][col])[0];
const column = (t: DocTable, name: string) => {
  const i = t.header.indexOf(name);
  if (i < 0) throw new Error(`${t.page}:${t.line}: no column "${name}"`);
  return i;
};

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(ROOT, dir, f));
}

/** Catalogue codes the emulator's source raises: a code literal as the first argument of a call. */
function codesRaised(): Set<string> {
  const known = new Set(ERROR_CATALOG.map((e) => e.code));
  const raised = new Set<string>();
  for (const file of sourceFiles("emulator")) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(/\w\(\s*"([A-Za-z][\w.]*)"/g)) if (known.has(m[1])) raised.add(m[1]);
  }
  return raised;
}

/** "ResetDisk(s)" → ResetDisk, ResetDisks; "Stop/StartInstance(s)" → Stop…, Start… (both forms); "A, B" → A, B. */
function actionsOf(cell: string): string[] {
  return cell.split(/,\s*/).flatMap((part) => {
    const m = /^(\w+)\/(\w+)$/.exec(part.replace(/\(s\)$/, ""));
    const bases = m ? [m[1] + m[2].replace(/^[A-Z][a-z]+/, ""), m[2]] : [part.replace(/\(s\)$/, "")];
    return part.endsWith("(s)") ? bases.flatMap((b) => [b, `${b}s`]) : bases;
  });
}

test("the supported actions are the emulator's action registry, each with its default limit", () => {
  const t = tableUnder(PAGE, "Supported actions");
  const documented = t.rows.map((_, i) => firstSpan(t, i));
  expect([...documented].sort()).toEqual(Object.keys(ACTIONS).sort());
  const limitCol = column(t, "Default limit");
  const wrong = t.rows
    .map((r, i) => ({ action: firstSpan(t, i), documented: r[limitCol] }))
    .map((d) => {
      const l = DEFAULT_RATE_LIMITS[d.action];
      return { ...d, code: l ? `${l.limit} / ${l.windowSeconds} s` : "none" };
    })
    .filter((d) => d.documented !== d.code);
  expect(wrong).toEqual([]);
});

test("the flow-control table is DEFAULT_RATE_LIMITS", () => {
  const t = tableUnder(PAGE, "Flow control");
  expect(t.header[1]).toBe("Limit / 60 s");
  const documented: Record<string, string> = {};
  t.rows.forEach((r, i) => {
    for (const action of codeSpans(t.cells[i][0])) documented[action] = r[1];
  });
  const code = Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([a, l]) => [a, String((l.limit * 60) / l.windowSeconds)]));
  expect(documented).toEqual(code);
});

test("the CLI flags are the ones emulator/cli.ts reads", () => {
  const cli = fs.readFileSync(path.join(ROOT, "emulator", "cli.ts"), "utf8");
  const read = [...cli.matchAll(/case "(--[\w-]+)"/g)].map((m) => m[1]).filter((f) => f !== "--help");
  const t = tableUnder(PAGE, "Run it");
  const documented = t.rows.map((_, i) => firstSpan(t, i).split(" ")[0]);
  expect([...documented].sort()).toEqual([...read].sort());
});

test("the startEmulator options are EmulatorOptions", () => {
  const t = tableUnder(PAGE, "Use it from code");
  const documented = t.rows.map((_, i) => firstSpan(t, i));
  expect([...documented].sort()).toEqual(interfaceProperties("emulator/options.ts", "EmulatorOptions").map((p) => p.name).sort());
});

describe("error codes", () => {
  const tables = tablesUnder(PAGE, "Error codes it returns");
  const rows = tables.flatMap((t) =>
    t.rows.map((r, i) => {
      const codeCol = column(t, "Code");
      const actionCol = t.header.indexOf("Action");
      return {
        where: `${PAGE}:${t.line} "${r[0]}"`,
        actions: actionCol >= 0 ? actionsOf(r[actionCol]) : [undefined],
        statuses: r[column(t, "HTTP")].split(/\s*\/\s*/),
        codes: codeSpans(t.cells[i][codeCol]),
      };
    }),
  );

  test("the two tables are there", () => {
    expect(tables.length).toBe(2);
    expect(rows.length).toBeGreaterThan(40);
  });

  test("every code the emulator raises is listed", () => {
    const listed = new Set(rows.flatMap((r) => r.codes));
    const raised = codesRaised();
    expect(raised.size).toBeGreaterThan(40);
    expect([...raised].filter((c) => !listed.has(c)).sort()).toEqual([]);
  });

  test("every listed code is in the error catalogue, with the HTTP status the page gives", () => {
    const actionNames = new Set(Object.keys(ACTIONS));
    const problems: string[] = [];
    for (const r of rows) {
      if (r.statuses[0] === "any") continue; // injected faults: any code
      for (const a of r.actions) if (a !== undefined && !actionNames.has(a)) problems.push(`${r.where}: ${a} is not an action of the emulator`);
      r.codes.forEach((code, i) => {
        const allowed = r.statuses.length === 1 ? [r.statuses[0]] : r.statuses.length === r.codes.length ? [r.statuses[i]] : r.statuses;
        for (const action of r.actions) {
          const entry = catalogEntry(code, action);
          if (!entry) problems.push(`${r.where}: ${code} is not in the error catalogue`);
          else if (!allowed.includes(String(entry.httpStatus))) {
            problems.push(`${r.where}: ${code}${action ? ` (${action})` : ""} is HTTP ${entry.httpStatus} in the catalogue, the page says ${allowed.join(" or ")}`);
          }
        }
      });
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});
