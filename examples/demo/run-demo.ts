// The demo's script: the quickstart program on the embedded ECS emulator through
// preview -> up -> a change (another snapshot, another image) -> up -> destroy, printing the
// emulated cloud after each step with what changed and which ECS calls changed it.
import * as fs from "fs";
import * as path from "path";
import { DEMO_IDS, startEmulator, type RunningEmulator } from "../../emulator";
import { emulatorClientEnv } from "./client-env";
import { describeChanges, describeMutatingCalls, readCalls, readCloud, renderCloudTable, type InstanceView } from "./cloud-view";
import { CliDriver, EngineDriver, type DriverOptions, type StackDriver } from "./drivers";
import { projectBackendUrl, projectMain, stackConfig } from "./project-files";
import { findPulumiCli } from "./pulumi-cli";
import type { Style } from "./style";

export const DEMO_STACK = "demo";
/** The passphrase of the encryptionsalt committed in Pulumi.demo.yaml (the README's hand-run route uses it too). */
export const DEMO_PASSPHRASE = "demo";

/** The change step: a later snapshot of the data disk and a newer OS image. */
export const DEMO_CHANGE = {
  dataSnapshotId: DEMO_IDS.snapshots.webData1Later,
  webImageId: DEMO_IDS.images.ubuntu2404,
};

export interface DemoOptions {
  /** The repository root (Pulumi.yaml, Pulumi.demo.yaml, dist/). */
  rootDir: string;
  /** Git-ignored folder for the emulator state and the stack state; emptied at the start. */
  demoDir: string;
  /** Emulator time scale (every simulated duration is multiplied by it). */
  timeScale: number;
  print: (text: string) => void;
  style: Style;
  /** Environment to look for a Pulumi CLI in (DISKOPS_PULUMI, PATH); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Set once the emulator runs, so the caller can close it on a signal. */
  onEmulator?: (emu: RunningEmulator) => void;
}

interface DemoStep {
  title: string;
  commands: string[];
  run(driver: StackDriver): Promise<unknown>;
  note?: string;
}

const STEPS: DemoStep[] = [
  {
    title: "1/5 preview: what `up` would do (read-only checks, nothing changes)",
    commands: ["pulumi preview --diff"],
    run: (d) => d.preview(),
  },
  {
    title: "2/5 up: roll the data disk back and replace the system disk",
    commands: ["pulumi up --yes --diff"],
    run: (d) => d.up(),
  },
  {
    title: "3/5 change: another snapshot and another image (preview of the change)",
    commands: [...Object.entries(DEMO_CHANGE).map(([k, v]) => `pulumi config set ${k} ${v}`), "pulumi preview --diff"],
    run: async (d) => {
      await d.setConfig(DEMO_CHANGE);
      return d.preview();
    },
  },
  {
    title: "4/5 up: apply the change",
    commands: ["pulumi up --yes --diff"],
    run: (d) => d.up(),
  },
  {
    title: "5/5 destroy: drop the records from the stack",
    commands: ["pulumi destroy --yes"],
    run: (d) => d.destroy(),
    note: "Delete touches nothing in ECS: a rollback or a new system disk cannot be undone, so the cloud keeps the result.",
  },
];

export async function runDemo(o: DemoOptions): Promise<void> {
  const { print, style } = o;
  const started = Date.now();
  fs.rmSync(o.demoDir, { recursive: true, force: true });
  fs.mkdirSync(o.demoDir, { recursive: true });
  const emulatorState = path.join(o.demoDir, "emulator-state.json");
  const stackFile = path.join(o.rootDir, `Pulumi.${DEMO_STACK}.yaml`);
  const stackFileText = fs.readFileSync(stackFile, "utf8");

  const emu = await startEmulator({ timeScale: o.timeScale, stateFile: emulatorState, logError: (m) => print(`emulator: ${m}\n`) });
  o.onEmulator?.(emu);
  try {
    print(style.header("diskops demo: the quickstart on the embedded ECS emulator"));
    print(`ECS emulator: ${emu.url} (demo fleet, time scale ${o.timeScale}, state ${rel(o.rootDir, emulatorState)})\n`);

    const lookup = findPulumiCli(o.rootDir, o.env, { local: true });
    const options: DriverOptions = {
      projectDir: o.rootDir,
      program: projectMain(o.rootDir),
      stack: DEMO_STACK,
      config: stackConfig(stackFile),
      env: emulatorClientEnv(emu.url, o.timeScale),
      baseEnv: o.env,
      stateDir: path.join(o.demoDir, "stack-state"),
      passphrase: DEMO_PASSPHRASE,
      print,
    };
    const driver: StackDriver = lookup.found ? new CliDriver(options, lookup.found) : new EngineDriver(options);
    if (lookup.found) {
      // Pulumi lets a project's own backend win over PULUMI_BACKEND_URL; a file backend's folder must exist.
      const projectBackend = projectBackendUrl(o.rootDir);
      if (projectBackend?.startsWith("file://")) fs.mkdirSync(path.resolve(o.rootDir, projectBackend.slice("file://".length)), { recursive: true });
      const backend = projectBackend ? `${projectBackend} (from Pulumi.yaml)` : `file://${rel(o.rootDir, options.stateDir)}`;
      print(`Pulumi: ${driver.description}, backend ${backend}, stack ${DEMO_STACK}\n`);
    }
    else print(`Pulumi: no Pulumi CLI available (${lookup.reason}; \`npm run cli:install\` builds one), so the same program runs through ${driver.description}.\n`);
    print(`Program: ${rel(o.rootDir, options.program)}  config: ${Object.entries(options.config).map(([k, v]) => `${k}=${v}`).join(" ")}\n`);

    const instances = [DEMO_IDS.instances.web];
    let view = await readCloud(emu.url, instances);
    print(style.header("the emulated cloud before the demo"));
    print(renderCloudTable(view));

    try {
      await driver.init();
      for (const step of STEPS) {
        print(style.header(step.title));
        for (const c of step.commands) print(style.dim(`$ ${c}`) + "\n");
        print("\n");
        const callsBefore = (await readCalls(emu.url)).length;
        await step.run(driver);
        view = await showCloud(emu.url, instances, view, callsBefore, o);
        if (step.note) print(`${step.note}\n`);
      }
    } finally {
      if (lookup.found) fs.writeFileSync(stackFile, stackFileText); // the CLI wrote its salt and config there
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    print(style.header(`done in ${seconds} s`));
    print(`The emulator's last state is in ${rel(o.rootDir, emulatorState)}; the stack state in ${rel(o.rootDir, options.stateDir)}.\n`);
  } finally {
    await emu.close();
  }
}

async function showCloud(url: string, instances: string[], before: InstanceView[], callsBefore: number, o: DemoOptions): Promise<InstanceView[]> {
  const after = await readCloud(url, instances);
  const calls = (await readCalls(url)).slice(callsBefore);
  o.print(`\n${o.style.bold("The emulated cloud now")} (* = changed by this step):\n`);
  o.print(renderCloudTable(after, before));
  o.print(`ECS calls that changed something: ${describeMutatingCalls(calls)}\n`);
  const changes = describeChanges(before, after, calls);
  o.print(changes.length ? changes.map((c) => `  - ${c}\n`).join("") : "  - nothing in the cloud changed\n");
  return after;
}

function rel(root: string, p: string): string {
  return path.relative(root, p) || ".";
}
