// Every TypeScript block of README.md, CHANGELOG.md and docs/, extracted from the pages
// themselves, compiles as a user's file would: under the tsconfig `pulumi new typescript` writes
// (examples/quickstart/tsconfig.json, used as it is), with the package resolved by name through
// its `exports` map to the built dist/; every JSON block parses. Blocks marked for it also run:
//   <!-- test:run -->      a script: node runs it, exit code 0 and nothing on stderr;
//   <!-- test:program -->  a Pulumi program: `up` through the test engine and the real
//                          dynamic-provider plugin against a fresh emulator (demo fleet) succeeds;
//   <!-- test:tarball -->  run from the installed tarball by test/package/pack-install.test.ts.
// A block that is a constructor signature (`new Name(param: Type, …)`) is checked against the
// class: the class must be assignable to it. Needs `npm run build` first.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { DEMO_ACCESS_KEY, startEmulator } from "../../emulator";
import { runEngine } from "../../provider/testing";
import { RUN_FROM_TARBALL } from "../support/doc-locations";
import { docBlocks, docPages, isTypeScript, ROOT, type DocBlock } from "../support/markdown";

jest.setTimeout(120_000);

const NAME = "pulumi-alicloud-diskops";
const TSCONFIG = path.join(ROOT, "examples", "quickstart", "tsconfig.json");

/** What the output of a `run` block must show, by page and heading (blocks not listed: anything). */
const RUN_OUTPUT: Record<string, RegExp> = {
  "docs/emulator.md#Use it from code": /^http:\/\/127\.0\.0\.1:\d+ \[ 'security' \]$/m,
};

const SIGNATURE = /^new (\w+)\((.*)\)\s*;?\s*$/;

/** The file a block becomes: its code, or for a signature, an assignment that checks it. */
function sourceOf(block: DocBlock): string {
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

const blocks = docPages().flatMap((p) => docBlocks(p).filter(isTypeScript));
let dir: string;
const baseOf = (b: DocBlock) => `${b.page.replace(/[^\w]+/g, "_")}-line-${b.line}`;
const fileOf = (b: DocBlock) => path.join(dir, `${baseOf(b)}.ts`);
const jsOf = (b: DocBlock) => path.join(dir, "out", `${baseOf(b)}.js`);
const where = (b: DocBlock) => `${b.page}:${b.line} (under "${b.heading}")`;

beforeAll(() => {
  // A project outside the repository whose node_modules is the repository's: the package
  // resolves by name through its self-link, as an installed copy would.
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "diskops-docs-")));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  if (!fs.existsSync(path.join(ROOT, "dist", "emulator", "index.d.ts"))) throw new Error("run `npm run build` first");
  for (const b of blocks) fs.writeFileSync(fileOf(b), sourceOf(b));
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the pages have TypeScript blocks, and the ones to run are marked", () => {
  expect(blocks.length).toBeGreaterThan(10);
  const marked = (m: string) => blocks.filter((b) => b.marker === m);
  expect(marked("run").length).toBeGreaterThanOrEqual(2);
  expect(marked("program").length).toBeGreaterThanOrEqual(3);
  for (const key of Object.keys(RUN_OUTPUT)) {
    expect(marked("run").map((b) => `${b.page}#${b.heading}`)).toContain(key);
  }
  // The tarball test runs exactly the blocks marked for it.
  expect(marked("tarball").map((b) => `${b.page}#${b.heading}`).sort()).toEqual(RUN_FROM_TARBALL.map((l) => `${l.page}#${l.heading}`).sort());
});

test("every TypeScript block compiles under the tsconfig `pulumi new typescript` writes", () => {
  const json = ts.parseConfigFileTextToJson(TSCONFIG, fs.readFileSync(TSCONFIG, "utf8"));
  if (json.error) throw new Error(ts.flattenDiagnosticMessageText(json.error.messageText, "\n"));
  const { options, errors } = ts.convertCompilerOptionsFromJson(json.config.compilerOptions, dir);
  expect(errors).toEqual([]);
  const program = ts.createProgram(blocks.map(fileOf), { ...options, outDir: path.join(dir, "out"), rootDir: dir, pretty: false });
  const emitted = program.emit();
  const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => {
    const block = blocks.find((b) => d.file && path.resolve(d.file.fileName) === fileOf(b));
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
    const place = block ? `${block.page}:${block.line + 1 + at} (under "${block.heading}")` : d.file?.fileName ?? "";
    return `${place}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  expect(problems).toEqual([]);
});

test("every JSON block parses (policies, seeds, tsconfig)", () => {
  const json = docPages().flatMap((p) => docBlocks(p).filter((b) => b.lang === "json"));
  expect(json.length).toBeGreaterThanOrEqual(2);
  const problems = json.flatMap((b) => {
    try {
      JSON.parse(b.code);
      return [];
    } catch (e) {
      return [`${where(b)}: ${(e as Error).message}`];
    }
  });
  expect(problems).toEqual([]);
});

describe("blocks marked <!-- test:run --> run", () => {
  for (const block of blocks.filter((b) => b.marker === "run")) {
    test(where(block), async () => {
      const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [jsOf(block)], { cwd: dir, timeout: 30_000 }, (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: unknown }).code) || 1 : 0, stdout, stderr }),
        ),
      );
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const shows = RUN_OUTPUT[`${block.page}#${block.heading}`];
      if (shows) expect(stdout.trim()).toMatch(shows);
    });
  }
});

describe("blocks marked <!-- test:program --> deploy against the emulator's demo fleet", () => {
  for (const block of blocks.filter((b) => b.marker === "program")) {
    test(where(block), async () => {
      const emu = await startEmulator({ timeScale: 0.01 });
      const stateDir = fs.mkdtempSync(path.join(dir, "state-"));
      try {
        const result = await runEngine({
          operation: "up",
          program: jsOf(block),
          project: "docs",
          stack: "docs",
          stateFile: path.join(stateDir, "docs.json"),
          config: { "alicloud:region": "cn-hangzhou" },
          env: {
            ALIBABA_CLOUD_ECS_ENDPOINT: emu.url,
            ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.AccessKeyId,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.AccessKeySecret,
            DISKOPS_POLL_MIN_MS: "20",
            DISKOPS_POLL_MAX_MS: "200",
          },
        });
        if (result.failed) throw new Error(`${where(block)}: up failed: ${result.failed}\n${result.diagnostics.slice(-3000)}`);
        expect(result.steps.filter((s) => s.op === "create").length).toBeGreaterThan(0);
        expect(result.steps.filter((s) => s.error)).toEqual([]);
      } finally {
        await emu.close();
      }
    });
  }
});
