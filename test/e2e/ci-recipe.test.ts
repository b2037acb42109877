// examples/ci/github-actions.yml for a project that vendors the packed tarball, run as far as it
// runs without GitHub: its vendoring lines (`#   $ …` in the header) in a fresh repository's infra/,
// committed; a clone of that commit (what actions/checkout gives a runner); each job's shell steps
// (`run:`) in the job's working directory; then the job's pulumi/actions step as the command it
// stands for (preview --diff, up --yes), with the CLI of the version it pins, against the emulator.
// Stand-ins, not in the recipe: a local file backend and stack `prod` for the Pulumi Cloud stack
// `org/diskops/prod`, and the emulator's key pair for the repository secrets.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emulatorClientEnv } from "../../examples/demo/client-env";
import { DEMO_IDS } from "../../emulator";
import { startTestCloud, type TestCloud } from "../lifecycle/emulator-env";
import { localCli, ROOT, TIME_SCALE } from "./support/cli-stack";
import { sharedInstall, userShellEnv } from "./support/packed-package";
import { TSCONFIG } from "./support/project";
import { CLI_VERSION } from "./support/tested-versions";

jest.setTimeout(600_000);

const RECIPE = path.join(ROOT, "examples", "ci", "github-actions.yml");
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const TARBALL_NAME = `${PKG.name}-${PKG.version}.tgz`;

interface Job { name: string; workingDirectory?: string; run: string[]; pulumi?: Record<string, string> }

/** The parts of the workflow this test runs (a line reader for this file's plain layout, not a YAML parser). */
function readRecipe(text: string): { vendoring: string[]; env: Record<string, string>; jobs: Job[] } {
  const lines = text.split("\n");
  const vendoring = lines.filter((l) => l.startsWith("#   $ ")).map((l) => l.slice("#   $ ".length).trim());
  const env: Record<string, string> = {};
  const jobs: Job[] = [];
  let section = "";
  let job: Job | undefined;
  let inPulumiStep = false;
  for (const raw of lines) {
    const line = raw.replace(/\s+#.*$/, "");
    if (/^\S/.test(line)) {
      section = line.replace(/:.*$/, "");
      continue;
    }
    if (section === "env") {
      const m = /^ {2}(\w+):\s*(.*)$/.exec(line);
      if (m) env[m[1]] = m[2].trim();
    }
    if (section !== "jobs") continue;
    const jobStart = /^ {2}([\w-]+):\s*$/.exec(line);
    if (jobStart) {
      job = { name: jobStart[1], run: [] };
      jobs.push(job);
      inPulumiStep = false;
      continue;
    }
    if (!job) continue;
    const wd = /working-directory:\s*([\w./-]+)/.exec(line);
    if (wd && /defaults:/.test(line)) job.workingDirectory = wd[1];
    const step = /^\s+- (\w+):\s*(.*)$/.exec(line);
    if (step) {
      inPulumiStep = step[1] === "uses" && step[2].startsWith("pulumi/actions@");
      if (inPulumiStep) job.pulumi = {};
      if (step[1] === "run") job.run.push(step[2].trim());
      continue;
    }
    const input = /^\s{10}([\w-]+):\s*(.+)$/.exec(line);
    if (inPulumiStep && input) job.pulumi![input[1]] = input[2].trim();
  }
  return { vendoring, env, jobs };
}

/** bash -c COMMAND, asynchronously: the emulator answers from this process meanwhile. */
function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", ["-c", command], { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} (in ${cwd}) failed:\n${stdout}${stderr}`.slice(-5000)));
      else resolve(stdout + stderr);
    });
  });
}

let cloud: TestCloud;
let dir: string;
beforeAll(async () => {
  cloud = await startTestCloud({ timeScale: TIME_SCALE });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-ci-recipe-"));
});
afterAll(async () => {
  await cloud?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the recipe works as given for a project that vendors the tarball: vendoring lines, checkout, npm ci, preview, up", async () => {
  const recipe = readRecipe(fs.readFileSync(RECIPE, "utf8"));
  expect(recipe.vendoring.join("\n")).toContain(`npm install ./vendor/${TARBALL_NAME}`);
  expect(recipe.jobs.map((j) => [j.name, j.pulumi?.command])).toEqual([["preview", "preview"], ["apply", "up"]]);
  for (const job of recipe.jobs) expect(job.pulumi!["pulumi-version"]).toBe(CLI_VERSION.slice(1));
  // Both jobs run the same shell steps in the same folder: one runner stands for both.
  expect(recipe.jobs[1].run).toEqual(recipe.jobs[0].run);
  expect(recipe.jobs[1].workingDirectory).toBe(recipe.jobs[0].workingDirectory);
  const { workingDirectory = ".", run } = recipe.jobs[0];
  expect(run).toContain("npm ci");

  // The team's repository: a TypeScript Pulumi project in infra/, committed before vendoring.
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@localhost", ...args], { cwd, encoding: "utf8" });
  const repo = path.join(dir, "repo");
  const infra = path.join(repo, "infra");
  fs.mkdirSync(infra, { recursive: true });
  fs.writeFileSync(path.join(infra, "Pulumi.yaml"), "name: diskops\nruntime: nodejs\n");
  fs.writeFileSync(path.join(infra, "package.json"), JSON.stringify({
    name: "infra", version: "1.0.0", private: true, main: "index.ts",
    dependencies: { "@pulumi/pulumi": sharedInstall().sdkVersion },
    devDependencies: { typescript: PKG.devDependencies.typescript, "@types/node": PKG.devDependencies["@types/node"] },
  }, null, 2));
  fs.writeFileSync(path.join(infra, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  fs.copyFileSync(path.join(ROOT, "examples", "quickstart", "index.ts"), path.join(infra, "index.ts"));
  fs.writeFileSync(path.join(repo, ".gitignore"), "node_modules/\n");
  git(repo, "init", "-q");
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "infra");

  const shell = userShellEnv();
  const tarball = sharedInstall().tarball;
  for (const line of recipe.vendoring) await sh(line.replace(`/path/to/${TARBALL_NAME}`, tarball), infra, shell);
  git(repo, "commit", "-qm", "vendor pulumi-alicloud-diskops");
  const pj = JSON.parse(fs.readFileSync(path.join(infra, "package.json"), "utf8"));
  expect(pj.dependencies[PKG.name]).toBe(`file:vendor/${TARBALL_NAME}`);
  const lock = JSON.parse(fs.readFileSync(path.join(infra, "package-lock.json"), "utf8"));
  expect(lock.packages[`node_modules/${PKG.name}`]).toMatchObject({ resolved: `file:vendor/${TARBALL_NAME}`, integrity: expect.stringMatching(/^sha512-/) });

  // actions/checkout: the commit, nothing else (no node_modules).
  const runner = path.join(dir, "runner");
  git(dir, "clone", "-q", repo, runner);
  const workDir = path.join(runner, workingDirectory);
  for (const step of run) await sh(step, workDir, shell);
  expect(fs.existsSync(path.join(workDir, "node_modules", PKG.name, "dist", "provider", "index.js"))).toBe(true);

  // The pulumi/actions steps, with the workflow's env (secrets replaced by the emulator's keys).
  const cli = localCli();
  expect(cli.version).toBe(CLI_VERSION);
  const plain = Object.fromEntries(Object.entries(recipe.env).filter(([, v]) => !v.includes("${{")));
  expect(plain.ALIBABA_CLOUD_REGION_ID).toBe("cn-hangzhou");
  const env = {
    ...shell, ...plain, ...emulatorClientEnv(cloud.url, TIME_SCALE),
    PULUMI_STACK: undefined, PULUMI_ACCESS_TOKEN: undefined,
    PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`, PULUMI_HOME: path.join(dir, "pulumi-home"),
    PULUMI_CONFIG_PASSPHRASE: "ci", PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
  } as NodeJS.ProcessEnv;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  fs.mkdirSync(path.join(dir, "state"));
  const pulumi = (args: string, cwd: string) => sh(`"${cli.command}" ${args} --non-interactive`, cwd, env);
  for (const job of recipe.jobs) expect(path.join(runner, job.pulumi!["work-dir"])).toBe(workDir);
  await pulumi("stack init prod", workDir);

  const preview = await pulumi(`preview${recipe.jobs[0].pulumi!.diff === "true" ? " --diff" : ""} --stack prod`, workDir);
  expect(preview).toMatch(/\+ 3 to create/);
  const up = await pulumi("up --yes --stack prod", workDir);
  expect(up).toMatch(/\+ 3 created/);
  expect((await cloud.disk(DEMO_IDS.disks.webData1)).SourceSnapshotId).toBe(DEMO_IDS.snapshots.webData1);
});
