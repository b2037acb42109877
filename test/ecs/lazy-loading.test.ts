// Pulumi's closure serializer must never meet the SDK, the credential chain or p-retry (ESM-era,
// large): the ECS layer loads them inside calls only. Proven on the transpiled files in a clean node.
import { execFileSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as ts from "typescript";

const ECS_DIR = join(__dirname, "../../provider/ecs");
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "diskops-ecs-lazy-"));
  for (const file of readdirSync(ECS_DIR).filter((f) => f.endsWith(".ts"))) {
    const { outputText } = ts.transpileModule(readFileSync(join(ECS_DIR, file), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(join(outDir, file.replace(/\.ts$/, ".js")), outputText);
  }
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

test("importing every ECS module loads no package from node_modules", () => {
  const script = `
    const modules = ${JSON.stringify(readdirSync(outDir))};
    for (const m of modules) require(${JSON.stringify(outDir)} + "/" + m);
    const loaded = Object.keys(require.cache).filter((k) => k.includes("node_modules"));
    process.stdout.write(JSON.stringify({ count: modules.length, loaded }));
  `;
  // The files sit outside the repo: a top-level require of a package would throw here.
  const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: join(__dirname, "../.."), encoding: "utf8" }));
  expect(out.count).toBeGreaterThanOrEqual(10);
  expect(out.loaded).toEqual([]);
});
