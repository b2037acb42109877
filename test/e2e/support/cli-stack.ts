// End-to-end support: a stack driven by the real Pulumi CLI that `npm run cli:install` built
// (.tools/pulumi/bin: the CLI, the Node.js language host, the dynamic-provider launcher), the way a
// user runs it: plain `pulumi preview|up|refresh|destroy` in a project folder (project.ts) whose
// node_modules holds the packed package (packed-package.ts), a local file backend, a private
// PULUMI_HOME and the provider pointed at an in-process emulator.
// `inline: true` takes the fallback route instead (a CLI without a language host): the program
// runs in-process through examples/demo/inline-program-host (the CLI's --client), with this
// checkout's node_modules, as it did before the host could be built.
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emulatorClientEnv } from "../../../examples/demo/client-env";
import { findPulumiCli, LOCAL_CLI, PulumiCli, type CliRun, type PulumiCommand } from "../../../examples/demo/pulumi-cli";
import { packageRoot } from "../../../provider/testing/package-root";
import { rowPath, sharedInstall, userShellEnv, type SharedInstall } from "./packed-package";
import { writeProject, type ProgramSpec } from "./project";

export const ROOT = packageRoot();
/** Emulator time scale of the e2e suite: a 40 s replacement takes 0.8 s. */
export const TIME_SCALE = 0.02;
export const STACK = "e2e";
export const PASSPHRASE = "diskops-e2e-passphrase";

let cached: PulumiCommand | undefined;

/** The CLI built by `npm run cli:install`; fails with what to run when it is missing. */
export function localCli(): PulumiCommand {
  if (cached) return cached;
  const binary = path.join(ROOT, LOCAL_CLI);
  const lookup = findPulumiCli(ROOT, { ...process.env, DISKOPS_PULUMI: binary });
  if (!lookup.found) throw new Error(`${binary}: ${lookup.reason}. Run \`npm run cli:install\` first.`);
  if (lookup.found.inlinePrograms) throw new Error(`${binary} has no Node.js language host beside it (npm run cli:install could not build one: see its output)`);
  cached = lookup.found;
  return cached;
}

export interface StackOptions {
  /** Project name (also names the temp folder). */
  project: string;
  cloudUrl: string;
  /** The program; default: examples/quickstart from its own folder. */
  program?: ProgramSpec;
  /** JavaScript source written as index.js (shorthand for program: { js }). */
  programSource?: string;
  /** The tested row (@pulumi/pulumi version, Node) whose install the project uses; default the suite's default. */
  row?: string;
  /** The fallback route: a CLI without a language host (see above). */
  inline?: boolean;
  /** Another CLI than the one `npm run cli:install` put in this checkout (one without a host implies inline). */
  cli?: PulumiCommand;
  /** Stack config besides alicloud:region (region: false leaves it unset). */
  config?: Record<string, string>;
  region?: false;
  secretConfig?: Record<string, string>;
  /** Extra environment for the CLI, the program and the provider (undefined unsets). */
  env?: Record<string, string | undefined>;
}

export interface RunningCommand {
  child: ChildProcess;
  output(): string;
  exited: Promise<number>;
}

export class CliStack {
  readonly projectDir: string;
  readonly program: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cli: PulumiCli;
  readonly install?: SharedInstall;

  private constructor(readonly dir: string, o: StackOptions) {
    this.projectDir = path.join(dir, "project");
    const spec: ProgramSpec = o.program ?? (o.programSource !== undefined ? { js: o.programSource } : { example: "quickstart" });
    let command = o.cli ?? localCli();
    if (o.inline || command.inlinePrograms) {
      // The inline host loads @pulumi/pulumi from this checkout: the program must share that copy.
      fs.mkdirSync(this.projectDir, { recursive: true });
      fs.writeFileSync(path.join(this.projectDir, "Pulumi.yaml"), `name: ${o.project}\nruntime: nodejs\n`);
      fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(this.projectDir, "node_modules"), "dir");
      if ("js" in spec) {
        this.program = path.join(this.projectDir, "index.js");
        fs.writeFileSync(this.program, spec.js);
      } else if ("example" in spec) {
        this.program = path.join(ROOT, "dist", "examples", spec.example, "index.js");
      } else {
        throw new Error("the inline route runs JavaScript (index.js or a built example)");
      }
      command = { ...command, inlinePrograms: true };
    } else {
      this.install = sharedInstall(o.row);
      this.program = writeProject(this.projectDir, o.project, spec, this.install);
    }
    const env: NodeJS.ProcessEnv = userShellEnv({
      ...emulatorClientEnv(o.cloudUrl, TIME_SCALE),
      PATH: this.install ? rowPath(this.install) : process.env.PATH,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_HOME: path.join(dir, "pulumi-home"),
      PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
      ...o.env,
    });
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    this.env = env;
    this.cli = new PulumiCli({ cli: command, cwd: this.projectDir, stack: STACK, env, program: this.program });
  }

  static async create(o: StackOptions): Promise<CliStack> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `diskops-e2e-${o.project}-`));
    fs.mkdirSync(path.join(dir, "state"));
    const stack = new CliStack(dir, o);
    await stack.run(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
    await stack.setConfig({ ...(o.region === false ? {} : { "alicloud:region": "cn-hangzhou" }), ...o.config });
    for (const [k, v] of Object.entries(o.secretConfig ?? {})) await stack.run(["config", "set", "--secret", k, v]);
    return stack;
  }

  /** `pulumi ARGS --non-interactive` in the project dir; rejects on failure unless allowFailure. */
  run(args: string[], allowFailure = false): Promise<CliRun> {
    return this.cli.run([...args, "--non-interactive"], allowFailure);
  }

  async setConfig(values: Record<string, string>): Promise<void> {
    for (const [k, v] of Object.entries(values)) await this.run(["config", "set", k, v]);
  }

  preview(...extra: string[]): Promise<CliRun> {
    return this.run(["preview", "--diff", ...extra]);
  }

  up(...extra: string[]): Promise<CliRun> {
    return this.run(["up", "--yes", ...extra]);
  }

  refresh(...extra: string[]): Promise<CliRun> {
    return this.run(["refresh", "--yes", ...extra]);
  }

  destroy(): Promise<CliRun> {
    return this.run(["destroy", "--yes"]);
  }

  /** The stack's checkpoint (`pulumi stack export`), parsed. */
  async exportState(showSecrets = false): Promise<{ text: string; deployment: any }> {
    const { output } = await this.run(["stack", "export", ...(showSecrets ? ["--show-secrets"] : [])]);
    const text = output.slice(output.indexOf("{"));
    return { text, deployment: JSON.parse(text).deployment };
  }

  /** Starts `pulumi ARGS` without waiting (to interrupt it). */
  start(args: string[]): RunningCommand {
    const line = this.cli.commandLine([...args, "--non-interactive"]);
    const child = spawn(line.command, line.args, { cwd: this.projectDir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number>((resolve) => child.once("close", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
    return { child, output: () => output, exited };
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * SIGKILL for a process and all its descendants at once, as when a CI job is cancelled or its
 * runner is preempted. (The CLI starts plugins in process groups of their own, so killing the
 * CLI's group would leave the provider running.)
 */
export function killTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(rootPid);
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  return tree;
}

/** True while a process exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
