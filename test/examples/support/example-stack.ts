// Example-test support: one emulator per test file (fast time scale), reset between scenarios,
// and a stack driver per example through the test engine or, when one is installed, a real
// Pulumi CLI (the same StackDriver the demo uses).
import * as fs from "fs";
import { waitFor } from "../../support/wait-for";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { readCalls, readCloud, type CallEntry, type InstanceView } from "../../../examples/demo/cloud-view";
import { emulatorClientEnv } from "../../../examples/demo/client-env";
import { CliDriver, EngineDriver, type DriverOptions, type StackDriver } from "../../../examples/demo/drivers";
import { describePulumiCli, findPulumiCli } from "../../../examples/demo/pulumi-cli";
import { packageRoot } from "../../../provider/testing/package-root";
import { sharedInstall, userShellEnv } from "../../e2e/support/packed-package";
import { writeProject } from "../../e2e/support/project";

export const ROOT = packageRoot();
export const TIME_SCALE = 0.01;
export type ExampleName = "quickstart" | "nightly-reset" | "golden-image-waves";

const PULUMI = findPulumiCli(ROOT);
const SKIP_REASON = PULUMI.found ? "" : `${PULUMI.reason}; the test-engine runs cover this example`;
// In the e2e suite a missing CLI is a failure, not a skip.
if (!PULUMI.found && process.env.DISKOPS_E2E) throw new Error(`the e2e suite needs the Pulumi CLI (${PULUMI.reason}): run npm run cli:install`);
if (!PULUMI.found) console.warn(`skipped: the Pulumi CLI runs of the examples: ${SKIP_REASON}`);

export interface Mode {
  kind: "engine" | "cli";
  title: string;
  /** describe, or describe.skip when the mode cannot run here (chosen at load time). */
  describe: jest.Describe;
}

const CLI_MODE: Mode = PULUMI.found
  ? { kind: "cli", title: `through the ${describePulumiCli(PULUMI.found)}`, describe }
  : { kind: "cli", title: `through the Pulumi CLI (skipped: ${SKIP_REASON})`, describe: describe.skip };

/** `npm test`: both; the e2e suite (DISKOPS_E2E, the CLI that cli:install built): the CLI only. */
export const MODES: Mode[] = process.env.DISKOPS_E2E ? [CLI_MODE] : [{ kind: "engine", title: "through the test engine", describe }, CLI_MODE];

export interface ExampleCloud {
  url: string;
  view(instanceIds: string[]): Promise<InstanceView[]>;
  calls(): Promise<CallEntry[]>;
  /** Polls the emulator (state, not sleeps) until the snapshot is accomplished. */
  waitForSnapshot(snapshotId: string): Promise<void>;
  /** Back to the demo fleet, call log cleared. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startExampleCloud(): Promise<ExampleCloud> {
  const emu: RunningEmulator = await startEmulator({ timeScale: TIME_SCALE });
  const admin = async (p: string, method: string) => {
    const res = await fetch(`${emu.url}${p}`, { method });
    if (!res.ok) throw new Error(`emulator ${method} ${p}: HTTP ${res.status}`);
  };
  return {
    url: emu.url,
    view: (ids) => readCloud(emu.url, ids),
    calls: () => readCalls(emu.url),
    async waitForSnapshot(id) {
      const statusOf = async () => {
        const state = (await (await fetch(`${emu.url}/__emulator/state`)).json()) as { Snapshots: { SnapshotId: string; Status: string }[] };
        return state.Snapshots.find((s) => s.SnapshotId === id)?.Status;
      };
      await waitFor(statusOf, (status) => status === "accomplished", 15_000, `snapshot ${id} accomplished`);
    },
    async reset() {
      await admin("/__emulator/reset-state", "POST");
      await admin("/__emulator/calls", "DELETE");
    },
    close: () => emu.close(),
  };
}

/**
 * A driver for an example on stack "test", its state in a temp folder. In the e2e suite (the CLI
 * and language host of `npm run cli:install`): the example's own folder (Pulumi.yaml,
 * package.json, index.ts), copied, with the package installed from the packed tarball. Otherwise
 * dist/examples/<example>, with a project file written next to the built program (dist/ is build
 * output): the test engine runs it, or a Pulumi CLI found on PATH.
 */
export function exampleDriver(mode: Mode, example: ExampleName, cloudUrl: string, config: Record<string, string> = {}): { driver: StackDriver; cleanup(): void } {
  const projectDir = path.join(ROOT, "dist", "examples", example);
  const program = path.join(projectDir, "index.js");
  if (!fs.existsSync(program)) throw new Error(`${program} missing: run \`npx tsc -p .\` (or npm run build) first`);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), `diskops-${example}-`));
  const options: DriverOptions = {
    projectDir, program, stack: "test", stateDir, print: () => undefined,
    config: { "alicloud:region": "cn-hangzhou", ...config },
    env: emulatorClientEnv(cloudUrl, TIME_SCALE),
  };
  let driver: StackDriver;
  const dirs = [stateDir];
  if (mode.kind === "cli" && PULUMI.found && process.env.DISKOPS_E2E) {
    if (PULUMI.found.inlinePrograms) throw new Error(`${describePulumiCli(PULUMI.found)}: the e2e suite runs examples from their own folders (npm run cli:install builds the host)`);
    const own = fs.mkdtempSync(path.join(os.tmpdir(), `diskops-${example}-project-`));
    dirs.push(own);
    const program = writeProject(path.join(own, example), `diskops-${example}`, { example }, sharedInstall());
    driver = new CliDriver({ ...options, projectDir: path.dirname(program), program, baseEnv: userShellEnv() }, PULUMI.found);
  } else if (mode.kind === "cli" && PULUMI.found) {
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), `name: diskops-${example}\nruntime: nodejs\nmain: index.js\n`);
    driver = new CliDriver(options, PULUMI.found);
  } else {
    driver = new EngineDriver(options);
  }
  return { driver, cleanup: () => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })) };
}

/** Successful calls of the given actions, in order, from the call log entries after `from`. */
export function actions(calls: CallEntry[], names: string[], from = 0): string[] {
  return calls.slice(from).filter((c) => names.includes(c.Action) && c.HttpStatus < 400).map((c) => c.Action);
}
