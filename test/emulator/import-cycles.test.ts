// No import cycles (type-only imports included): issue 9 broke emulator/model/cloud.ts <->
// transitions.ts by giving transitions a narrow TransitionTarget; this keeps cycles out for good.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

function localImports(file: string): string[] {
  const src = fs.readFileSync(file, "utf8");
  return [...src.matchAll(/(?:from|import)\s+"(\.{1,2}\/[^"]*|\.)"/g)].flatMap((m) => {
    const base = path.resolve(path.dirname(file), m[1]);
    return [`${base}.ts`, path.join(base, "index.ts")].filter((p) => fs.existsSync(p)).slice(0, 1);
  });
}

/** Every cycle found by a depth-first walk, as "a.ts -> b.ts -> a.ts". */
function findCycles(dir: string): string[] {
  const graph = new Map(tsFiles(dir).map((f) => [f, localImports(f)] as const));
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (file: string, stack: string[]) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(ROOT, f)).join(" -> "));
      else if (!state.has(next)) visit(next, stack);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
  return cycles;
}

test.each(["emulator", "provider"])("%s/ has no import cycles", (dir) => {
  expect(findCycles(path.join(ROOT, dir))).toEqual([]);
});

test("the detector sees a cycle (two files that import each other)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cycles-"));
  fs.writeFileSync(path.join(dir, "a.ts"), 'import type { B } from "./b";\nexport type A = B;\n');
  fs.writeFileSync(path.join(dir, "b.ts"), 'import { a } from "./a";\nexport type B = typeof a;\n');
  try {
    expect(findCycles(dir)).toHaveLength(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
