// The two ways the demo (and the example tests) drive a Pulumi program through its stack steps:
// a real Pulumi CLI, or the project's test engine (a stand-in for the Pulumi engine) when no
// CLI can be had. Both print what they did and throw when a step fails.
import * as path from "path";
import { formatSummary, runEngine, type Operation, type RunEngineResult } from "../../provider/testing";
import { describePulumiCli, PulumiCli, type PulumiCommand } from "./pulumi-cli";

export interface StackDriver {
  /** e.g. "Pulumi CLI v3.150.0" or "the diskops test engine". */
  readonly description: string;
  /** Create (or recreate) an empty stack. */
  init(): Promise<void>;
  preview(): Promise<string>;
  up(): Promise<string>;
  setConfig(values: Record<string, string>): Promise<void>;
  destroy(): Promise<string>;
}

export interface DriverOptions {
  /** Project directory (Pulumi.yaml). */
  projectDir: string;
  /** The program file (the test engine runs it; the CLI runs Pulumi.yaml's main). */
  program: string;
  stack: string;
  /** Initial stack config (e.g. from Pulumi.<stack>.yaml). */
  config: Record<string, string>;
  /** Environment for the program and the provider (endpoint, keys, timing). */
  env: Record<string, string | undefined>;
  /** What `env` is added to for the Pulumi CLI (default process.env). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Where state goes: the test engine's JSON file, or the CLI's file backend directory. */
  stateDir: string;
  /** The CLI's secrets passphrase (default "diskops-demo"); must match a committed encryptionsalt. */
  passphrase?: string;
  print: (text: string) => void;
}

export class EngineDriver implements StackDriver {
  readonly description = "the diskops test engine (a stand-in for the Pulumi engine)";
  private readonly config: Record<string, string>;
  /** The last run's result, for callers that want to assert on it. */
  last?: RunEngineResult;

  constructor(private readonly o: DriverOptions) {
    this.config = { ...o.config };
  }

  get stateFile(): string {
    return path.join(this.o.stateDir, `${this.o.stack}.json`);
  }

  async init(): Promise<void> {
    // The state file starts absent: the demo folder is fresh.
  }

  preview(): Promise<string> {
    return this.run("preview");
  }

  up(): Promise<string> {
    return this.run("up");
  }

  destroy(): Promise<string> {
    return this.run("destroy");
  }

  async setConfig(values: Record<string, string>): Promise<void> {
    Object.assign(this.config, values);
  }

  private async run(operation: Operation): Promise<string> {
    const result = await runEngine({
      operation, programDir: this.o.projectDir, program: this.o.program, stack: this.o.stack,
      stateFile: this.stateFile, config: { ...this.config }, env: this.o.env,
    });
    this.last = result;
    const summary = formatSummary(operation, this.o.stack, result);
    this.o.print(summary);
    if (result.failed) {
      const diag = result.diagnostics.trim().split("\n").slice(-15).join("\n");
      throw new Error(`${operation} failed:\n${result.failed}${diag ? `\n--- program and provider output (tail) ---\n${diag}` : ""}`);
    }
    return summary;
  }
}

export class CliDriver implements StackDriver {
  readonly description: string;
  private readonly cli: PulumiCli;

  constructor(private readonly o: DriverOptions, command: PulumiCommand) {
    this.description = describePulumiCli(command);
    this.cli = new PulumiCli({
      cli: command, cwd: o.projectDir, stack: o.stack, echo: o.print, program: o.program,
      env: cliEnv(o.baseEnv ?? process.env, o.env, {
        PULUMI_BACKEND_URL: `file://${o.stateDir}`, PULUMI_CONFIG_PASSPHRASE: o.passphrase ?? "diskops-demo", PULUMI_SKIP_UPDATE_CHECK: "true",
        // A private home: no plugins, credentials or settings of the user's own Pulumi leak in.
        PULUMI_HOME: path.join(o.stateDir, ".pulumi-home"),
      }),
    });
  }

  async init(): Promise<void> {
    await this.cli.freshStack();
    await this.cli.setConfig(this.o.config);
  }

  async preview(): Promise<string> {
    return (await this.cli.preview()).output;
  }

  async up(): Promise<string> {
    return (await this.cli.up()).output;
  }

  async setConfig(values: Record<string, string>): Promise<void> {
    await this.cli.setConfig(values);
  }

  async destroy(): Promise<string> {
    return (await this.cli.destroy()).output;
  }
}

/** The CLI's environment: ours plus the overrides, with undefined values removed (they unset). */
function cliEnv(base: NodeJS.ProcessEnv, env: Record<string, string | undefined>, extra: Record<string, string>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...base, ...env, ...extra };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
