// `npm run cli:install` (scripts/cli-install.sh) in a copy of the repository, on this machine's
// cache (which the suite's own cli:install filled): the language host is installed beside the CLI
// and stamped with its version; a second run installs nothing; without a host (the fallback,
// forced here by DISKOPS_NO_LANGUAGE_HOST as when it cannot be built) the installer says so, the
// CLI is still installed, and the package's resources run through the inline route (--client).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describePulumiCli, findPulumiCli } from "../../examples/demo/pulumi-cli";
import { DEMO_IDS } from "../../emulator";
import { startTestCloud, type TestCloud } from "../lifecycle/emulator-env";
import { CliStack, ROOT } from "./support/cli-stack";
import { userShellEnv } from "./support/packed-package";
import { CLI_VERSION, HOST_VERSION } from "./support/tested-versions";

let dir: string;
let copy: string;
const stacks: CliStack[] = [];
let cloud: TestCloud | undefined;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-cli-install-"));
  copy = path.join(dir, "repo");
  for (const f of ["scripts/cli-install.sh", "tools/pulumi-cli/go.mod", "tools/pulumi-language-nodejs/go.mod"]) {
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(copy, f));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
});
afterAll(async () => {
  stacks.forEach((s) => s.cleanup());
  await cloud?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function cliInstall(env: NodeJS.ProcessEnv = {}): string {
  // stderr too: the fallback notice goes there.
  return execFileSync("bash", ["-c", "bash scripts/cli-install.sh 2>&1"], { cwd: copy, env: userShellEnv(env), encoding: "utf8" });
}
const bin = () => path.join(copy, ".tools", "pulumi", "bin");

test("installs the CLI, the dynamic-provider launcher and the language host; a second run installs nothing", () => {
  const first = cliInstall();
  expect(first).toContain(`Pulumi CLI ${CLI_VERSION}`);
  expect(first).toContain(`pulumi-language-nodejs (Node.js language host ${HOST_VERSION}`);
  for (const f of ["pulumi", "pulumi-resource-pulumi-nodejs", "pulumi-language-nodejs"]) expect(fs.statSync(path.join(bin(), f)).mode & 0o111).toBeTruthy();
  expect(fs.readFileSync(path.join(bin(), ".pulumi-language-nodejs.version"), "utf8").trim()).toBe(HOST_VERSION);
  const found = findPulumiCli(copy, { ...process.env, DISKOPS_PULUMI: path.join(bin(), "pulumi") }).found!;
  expect(describePulumiCli(found)).toBe(`Pulumi CLI ${CLI_VERSION} with the Node.js language host ${HOST_VERSION}`);

  const again = cliInstall();
  expect(again).toContain(`Pulumi CLI ${CLI_VERSION} (already installed)`);
  expect(again).toContain(`language host ${HOST_VERSION}, already installed)`);
});

test("without a language host: the installer says so, and the resources run through the inline fallback", async () => {
  const out = cliInstall({ DISKOPS_NO_LANGUAGE_HOST: "1" });
  expect(out).toContain(`Node.js language host ${HOST_VERSION} not installed`);
  expect(out).toContain("Fallback: programs run as Automation API inline programs");
  expect(fs.existsSync(path.join(bin(), "pulumi-language-nodejs"))).toBe(false);
  const found = findPulumiCli(copy, { ...process.env, DISKOPS_PULUMI: path.join(bin(), "pulumi") }).found!;
  expect(found.inlinePrograms).toBe(true);

  cloud = await startTestCloud({ timeScale: 0.02 });
  // The CLI of that install, which has no host beside it.
  const stack = await CliStack.create({ project: "fallback", cloudUrl: cloud.url, cli: found });
  stacks.push(stack);
  expect((await stack.up()).output).toMatch(/\+ 3 created/);
  expect((await cloud.disk(DEMO_IDS.disks.webData1)).SourceSnapshotId).toBe(DEMO_IDS.snapshots.webData1);
});
