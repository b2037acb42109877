// The demo's Pulumi CLI path, with a stand-in `pulumi` (no real CLI here): the commands it runs,
// in order, with the file backend in the demo folder, the passphrase and the emulator endpoint;
// the stack file restored afterwards; the emulator shut down also when a command fails.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { RunningEmulator } from "../../emulator";
import { DEMO_CHANGE, runDemo } from "../../examples/demo/run-demo";
import { makeStyle } from "../../examples/demo/style";
import { packageRoot } from "../../provider/testing/package-root";

const ROOT = packageRoot();
const FAKE = path.join(__dirname, "support", "fake-pulumi.js");

interface Invocation {
  args: string[];
  cwd: string;
  backend?: string;
  passphrase: boolean;
  endpoint?: string;
  accessKeyId?: string;
}

describe("demo through a Pulumi CLI", () => {
  let dir: string;
  beforeEach(() => {
    // A copy of the project files: the fake CLI writes to the stack file like the real one.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-demo-cli-"));
    for (const f of ["Pulumi.yaml", "Pulumi.demo.yaml"]) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function demo(fail?: string) {
    const log = path.join(dir, "pulumi-calls.jsonl");
    let output = "";
    let emu: RunningEmulator | undefined;
    const run = runDemo({
      rootDir: dir, demoDir: path.join(dir, ".demo"), timeScale: 0.01,
      print: (t) => (output += t), style: makeStyle(process.stdout, { CI: "true" }),
      env: { ...process.env, DISKOPS_PULUMI: FAKE, FAKE_PULUMI_LOG: log, FAKE_PULUMI_FAIL: fail ?? "" },
      onEmulator: (e) => (emu = e),
    });
    const error = await run.then(() => undefined, (e: Error) => e);
    const calls: Invocation[] = fs.readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    return { output, error, calls, emu: emu! };
  }

  test("runs stack select, preview, up, config set, up, destroy with the demo's backend and endpoint", async () => {
    const stackFileBefore = fs.readFileSync(path.join(dir, "Pulumi.demo.yaml"), "utf8");
    const { output, error, calls, emu } = await demo();
    expect(error).toBeUndefined();
    expect(output).toContain("Pulumi: Pulumi CLI v3.999.0");
    expect(output).toContain("fake pulumi: up --yes --diff --stack demo");
    const commands = calls.map((c) => c.args.filter((a) => a !== "--non-interactive").join(" "));
    expect(commands).toEqual([
      "version",
      "stack rm demo --yes --force --preserve-config",
      "stack select --create demo --secrets-provider passphrase",
      "config set --stack demo alicloud:region cn-hangzhou",
      "preview --diff --stack demo",
      "up --yes --diff --stack demo",
      `config set --stack demo dataSnapshotId ${DEMO_CHANGE.dataSnapshotId}`,
      `config set --stack demo webImageId ${DEMO_CHANGE.webImageId}`,
      "preview --diff --stack demo",
      "up --yes --diff --stack demo",
      "destroy --yes --stack demo",
    ]);
    for (const c of calls.slice(1)) {
      expect(c).toMatchObject({ cwd: fs.realpathSync(dir), backend: `file://${path.join(dir, ".demo", "stack-state")}`, passphrase: true });
      expect(c).toMatchObject({ endpoint: emu.url, accessKeyId: "diskops-demo-ak" });
    }
    // The CLI wrote its salt and config into the stack file; the demo put the file back.
    expect(fs.readFileSync(path.join(dir, "Pulumi.demo.yaml"), "utf8")).toBe(stackFileBefore);
    await expect(fetch(`${emu.url}/__emulator/state`)).rejects.toThrow();
  });

  test("a failing command fails the demo with its output, and the emulator is shut down", async () => {
    const stackFileBefore = fs.readFileSync(path.join(dir, "Pulumi.demo.yaml"), "utf8");
    const { error, calls, emu } = await demo("up");
    expect(error?.message).toMatch(/pulumi up --yes --diff --stack demo --non-interactive failed \(exit 1\)/);
    expect(error?.message).toContain("error: fake up failed");
    expect(calls.map((c) => c.args[0])).not.toContain("destroy");
    expect(fs.readFileSync(path.join(dir, "Pulumi.demo.yaml"), "utf8")).toBe(stackFileBefore);
    await expect(fetch(`${emu.url}/__emulator/state`)).rejects.toThrow();
  });
});
