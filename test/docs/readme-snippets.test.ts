// Every TypeScript block of README.md, extracted from the README itself, compiles as a user's file
// would (strict, CommonJS, `moduleResolution: node16`: imports go through the package's `exports`
// map to the built dist/), and the blocks that can run offline run. The quickstart and the
// "Testing your own programs offline" script run from the installed tarball in
// test/package/pack-install.test.ts. A block that is a constructor signature
// (`new Name(param: Type, …)`) is checked against the class: the class must be assignable to it.
// Needs `npm run build` first.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { packageRoot } from "../../provider/testing/package-root";
import { isTypeScript, readmeBlocks, type ReadmeBlock } from "../support/readme";

const ROOT = packageRoot();
const NAME = "pulumi-alicloud-diskops";

/** Blocks run here (by heading), with what their output must show. */
const RUN_HERE: Record<string, RegExp> = {
  "Use it from code": /^http:\/\/127\.0\.0\.1:\d+ \[ 'security' \]$/m,
  // Builds an SDK client for the emulator's address; constructing it sends nothing.
  "Run it": /^$/,
};
/** Blocks the pack-and-install test runs from the installed package. */
const RUN_FROM_TARBALL = ["Quickstart", "Testing your own programs offline"];

const SIGNATURE = /^new (\w+)\((.*)\)\s*;?\s*$/;

/** The file a block becomes: its code, or for a signature, an assignment that checks it. */
function sourceOf(block: ReadmeBlock): string {
  const sig = SIGNATURE.exec(block.code.trim());
  if (!sig) return `${block.code}\nexport {};\n`;
  const [, cls, params] = sig;
  const names = new Set([cls, ...(params.replace(/pulumi\.\w+/g, "").match(/\b[A-Z]\w*/g) ?? [])]);
  return [
    `import * as pulumi from "@pulumi/pulumi";`,
    `import { ${[...names].join(", ")} } from "${NAME}";`,
    `export const signature: new (${params}) => ${cls} = ${cls};`,
    "",
  ].join("\n");
}

const blocks = readmeBlocks().filter(isTypeScript);
let dir: string;
const fileOf = (b: ReadmeBlock) => path.join(dir, `readme-line-${b.line}.ts`);

beforeAll(() => {
  // A project outside the repository whose node_modules is the repository's: the package
  // resolves by name through its self-link, as an installed copy would.
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "diskops-readme-")));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  if (!fs.existsSync(path.join(ROOT, "dist", "emulator", "index.d.ts"))) throw new Error("run `npm run build` first");
  for (const b of blocks) fs.writeFileSync(fileOf(b), sourceOf(b));
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the README has TypeScript blocks, and each one it should run is found", () => {
  const headings = blocks.map((b) => b.heading);
  for (const h of [...Object.keys(RUN_HERE), ...RUN_FROM_TARBALL]) expect(headings).toContain(h);
});

test("every TypeScript block compiles (strict, CommonJS, node16 resolution)", () => {
  const program = ts.createProgram(blocks.map(fileOf), {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [path.join(dir, "node_modules", "@types")],
    outDir: path.join(dir, "out"),
    rootDir: dir,
  });
  const emitted = program.emit();
  const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => {
    const block = blocks.find((b) => d.file && path.resolve(d.file.fileName) === fileOf(b));
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
    const where = block ? `README.md:${block.line + 1 + at} (under "${block.heading}")` : d.file?.fileName ?? "";
    return `${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  expect(problems).toEqual([]);
});

for (const [heading, shows] of Object.entries(RUN_HERE)) {
  test(`the block under "${heading}" runs`, async () => {
    const block = blocks.find((b) => b.heading === heading)!;
    const js = path.join(dir, "out", path.basename(fileOf(block), ".ts") + ".js");
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [js], { cwd: dir, timeout: 30_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: unknown }).code) || 1 : 0, stdout, stderr }),
      ),
    );
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout.trim()).toMatch(shows);
  });
}
