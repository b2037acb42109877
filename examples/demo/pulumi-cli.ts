// Finding and running a real Pulumi CLI (used by the demo, the example tests and the e2e suite).
// Never installs anything: the CLI `npm run cli:install` built into .tools/pulumi/bin (when asked
// for), a `pulumi` on PATH, or an already installed npm `pulumi` package run with `npx --no-install`.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../../provider/testing/package-root";

export interface PulumiCommand {
  command: string;
  /** Arguments that come before the Pulumi arguments (e.g. `--no-install pulumi` for npx). */
  prefix: string[];
  version: string;
  /**
   * The CLI has no Node.js language host beside it (`npm run cli:install` where the host could
   * not be built): commands that run the program go through inline-program-host (`--client`).
   */
  inlinePrograms?: boolean;
  /** The version of the language host `npm run cli:install` put beside the CLI (e.g. "v3.68.0"). */
  languageHost?: string;
}

export type PulumiLookup = { found: PulumiCommand } | { found?: undefined; reason: string };

/** Where `npm run cli:install` puts the CLI, under the repository root. */
export const LOCAL_CLI = path.join(".tools", "pulumi", "bin", "pulumi");

/** Commands that run the Pulumi program (refresh and destroy work from the state alone). */
const PROGRAM_COMMANDS = new Set(["preview", "up", "update"]);

/**
 * A working Pulumi CLI, or why there is none. DISKOPS_PULUMI=none forces "none";
 * DISKOPS_PULUMI=/path/to/pulumi picks that binary. With `local`, the CLI built by
 * `npm run cli:install` in `projectDir` comes first.
 */
export function findPulumiCli(projectDir: string, env: NodeJS.ProcessEnv = process.env, options: { local?: boolean } = {}): PulumiLookup {
  const forced = env.DISKOPS_PULUMI;
  if (forced === "none") return { reason: "DISKOPS_PULUMI=none" };
  const local = path.join(projectDir, LOCAL_CLI);
  const candidates: Omit<PulumiCommand, "version">[] = forced
    ? [{ command: forced, prefix: [] }]
    : [...(options.local && fs.existsSync(local) ? [{ command: local, prefix: [] }] : []), { command: "pulumi", prefix: [] }];
  // The npm `pulumi` package downloads the CLI on first use (fails offline): only if already installed.
  if (!forced && fs.existsSync(path.join(projectDir, "node_modules", "pulumi", "package.json"))) {
    candidates.push({ command: "npx", prefix: ["--no-install", "pulumi"] });
  }
  for (const c of candidates) {
    const r = spawnSync(c.command, [...c.prefix, "version"], { cwd: projectDir, env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" }, encoding: "utf8", timeout: 20_000 });
    const version = (r.stdout ?? "").trim();
    if (r.status === 0 && /^v?\d+\.\d+/.test(version)) {
      return { found: { ...c, version, inlinePrograms: lacksLanguageHost(c.command), languageHost: installedLanguageHost(c.command) } };
    }
  }
  return { reason: forced ? `${forced} version did not work` : "no `pulumi` on PATH" };
}

/**
 * True for a CLI binary that has the dynamic-provider launcher beside it but no Node.js language
 * host: the layout of `npm run cli:install` (Pulumi's own releases ship both).
 */
function lacksLanguageHost(command: string): boolean {
  if (!path.isAbsolute(command)) return false;
  const dir = path.dirname(command);
  return fs.existsSync(path.join(dir, "pulumi-resource-pulumi-nodejs")) && !fs.existsSync(path.join(dir, "pulumi-language-nodejs"));
}

/** The stamp `npm run cli:install` writes beside the language host it installed. */
function installedLanguageHost(command: string): string | undefined {
  if (!path.isAbsolute(command)) return undefined;
  const dir = path.dirname(command);
  if (!fs.existsSync(path.join(dir, "pulumi-language-nodejs"))) return undefined;
  try {
    return fs.readFileSync(path.join(dir, ".pulumi-language-nodejs.version"), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** What runs the programs, in words: "Pulumi CLI v3.248.0 with the Node.js language host v3.68.0", ... */
export function describePulumiCli(cli: PulumiCommand): string {
  if (cli.inlinePrograms) return `Pulumi CLI ${cli.version} without a Node.js language host (programs run in-process through --client)`;
  if (cli.languageHost) return `Pulumi CLI ${cli.version} with the Node.js language host ${cli.languageHost}`;
  return `Pulumi CLI ${cli.version}`;
}

export interface CliRun {
  code: number;
  output: string;
}

export interface PulumiCliOptions {
  cli: PulumiCommand;
  /** Directory holding Pulumi.yaml. */
  cwd: string;
  stack: string;
  /** The full environment of the CLI (backend URL, passphrase, cloud endpoint and keys). */
  env: NodeJS.ProcessEnv;
  /** Where the CLI's output goes as it arrives (default: nowhere, only captured). */
  echo?: (text: string) => void;
  /** The program file, for a CLI without a language host (`inlinePrograms`). */
  program?: string;
}

export class PulumiCli {
  constructor(private readonly options: PulumiCliOptions) {}

  get version(): string {
    return this.options.cli.version;
  }

  /** The command line for `pulumi ARGS`: through inline-program-host where the CLI needs it. */
  commandLine(args: string[]): { command: string; args: string[] } {
    const { cli, program } = this.options;
    if (cli.inlinePrograms && PROGRAM_COMMANDS.has(args[0])) {
      if (!program) throw new Error(`pulumi ${args[0]} with ${cli.command} (no language host) needs the program file`);
      const host = path.join(packageRoot(), "dist", "examples", "demo", "inline-program-host.js");
      return { command: process.execPath, args: [host, program, cli.command, ...cli.prefix, ...args] };
    }
    return { command: cli.command, args: [...cli.prefix, ...args] };
  }

  /** Runs `pulumi ARGS`; rejects with the output's tail when it fails (unless allowFailure). */
  async run(args: string[], allowFailure = false, quiet = false): Promise<CliRun> {
    const { cwd, env } = this.options;
    const echo = quiet ? undefined : this.options.echo;
    const line = this.commandLine(args);
    const child = spawn(line.command, line.args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const take = (d: Buffer) => {
      output += d.toString();
      echo?.(d.toString());
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    const code = await new Promise<number>((resolve) => {
      child.once("error", (e) => {
        output += String(e);
        resolve(-1);
      });
      child.once("close", (c) => resolve(c ?? -1));
    });
    if (code !== 0 && !allowFailure) {
      throw new Error(`pulumi ${args.join(" ")} failed (exit ${code}):\n${output.trim().split("\n").slice(-20).join("\n")}`);
    }
    return { code, output };
  }

  /** A fresh stack: drop a leftover one (keeping the stack's config file), then create and select it. */
  async freshStack(): Promise<void> {
    const { stack } = this.options;
    // Quiet: on a first run there is no stack to remove, and its "error: no stack named" is noise.
    await this.run(["stack", "rm", stack, "--yes", "--force", "--preserve-config", "--non-interactive"], true, true);
    await this.run(["stack", "select", "--create", stack, "--secrets-provider", "passphrase", "--non-interactive"]);
  }

  setConfig(values: Record<string, string>): Promise<CliRun[]> {
    return sequence(Object.entries(values), ([k, v]) => this.run(["config", "set", "--stack", this.options.stack, k, v, "--non-interactive"]));
  }

  preview(): Promise<CliRun> {
    return this.run(["preview", "--diff", "--stack", this.options.stack, "--non-interactive"]);
  }

  up(): Promise<CliRun> {
    return this.run(["up", "--yes", "--diff", "--stack", this.options.stack, "--non-interactive"]);
  }

  destroy(): Promise<CliRun> {
    return this.run(["destroy", "--yes", "--stack", this.options.stack, "--non-interactive"]);
  }
}

async function sequence<T, R>(items: T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await f(item));
  return out;
}
