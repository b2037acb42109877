// Launches a Pulumi program the way the Node.js language host does: `node @pulumi/pulumi/cmd/run`
// with the monitor and engine addresses, project, stack, working directory and dry-run flag, and
// the stack config in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS.
import { spawn, ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { packageRoot, resolveFrom } from "../package-root";

export interface ProgramLaunch {
  /** The program: a .js/.ts file or a directory (its package.json `main` or index.js/index.ts). */
  program: string;
  /** Project directory (working directory of the program). */
  projectDir: string;
  project: string;
  stack: string;
  monitorAddr: string;
  engineAddr: string;
  dryRun: boolean;
  config: Record<string, string>;
  secretConfigKeys: string[];
  env?: Record<string, string | undefined>;
}

export interface RunningProgram {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  kill(): void;
}

export function launchProgram(l: ProgramLaunch): RunningProgram {
  const runScript = path.dirname(resolveFrom(l.projectDir, "@pulumi/pulumi/cmd/run"));
  const nodeArgs: string[] = [];
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...l.env,
    PULUMI_CONFIG: JSON.stringify(l.config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(l.secretConfigKeys),
  };
  if (isTypeScript(l.program)) {
    if (canResolve(l.projectDir, "ts-node")) {
      env.PULUMI_NODEJS_TYPESCRIPT = "true";
      env.PULUMI_NODEJS_TRANSPILE_ONLY ??= "true";
    } else {
      nodeArgs.push("--require", tsRegisterHook());
    }
  }
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const args = [
    ...nodeArgs,
    runScript,
    `--monitor=${l.monitorAddr}`,
    `--engine=${l.engineAddr}`,
    `--project=${l.project}`,
    `--stack=${l.stack}`,
    `--pwd=${l.projectDir}`,
    `--root-directory=${l.projectDir}`,
    "--parallel=32",
    ...(l.dryRun ? ["--dry-run"] : []),
    l.program,
  ];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: l.projectDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("error", (e) => { text += String(e); resolve({ code: -1, signal: null }); });
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return { exited, output: () => text, kill: () => { if (child.exitCode === null) child.kill(); } };
}

function isTypeScript(program: string): boolean {
  if (program.endsWith(".ts")) return true;
  if (!fs.existsSync(program) || !fs.statSync(program).isDirectory()) return false;
  const pj = path.join(program, "package.json");
  const main = fs.existsSync(pj) ? JSON.parse(fs.readFileSync(pj, "utf8")).main : undefined;
  if (typeof main === "string") return main.endsWith(".ts");
  return !fs.existsSync(path.join(program, "index.js")) && fs.existsSync(path.join(program, "index.ts"));
}

function canResolve(dir: string, id: string): boolean {
  try {
    require.resolve(id, { paths: [dir] });
    return true;
  } catch {
    return false;
  }
}

/** The compiled ts-register hook: next to this file in dist/, or in the package's dist/ when run from sources. */
function tsRegisterHook(): string {
  for (const candidate of [
    path.join(__dirname, "ts-register.js"),
    path.join(packageRoot(), "dist", "provider", "testing", "engine", "ts-register.js"),
  ]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error("TypeScript program needs ts-node or a built dist/provider/testing/engine/ts-register.js (run `npm run build`)");
}
