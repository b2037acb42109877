// What a user installs, not the repository link: pack a copy of the repository with the README's
// `npm pack` (prepack cleans and builds), check the tarball holds the three entry points and their
// code only (plus README, CHANGELOG and LICENSE), install it into a fresh Pulumi project with the
// offline `npm install` of docs/install.md next to dependencies that are already installed,
// type-check the entry points under both module resolutions, and run the README's quickstart
// through the offline-test script of docs/testing-offline.md (the installed test engine, the real
// dynamic-provider plugin, the emulator). Then a shim in the old
// 0.1.0 form (`…/dist/provider/logic`) stored in state runs `delete` through the exports map.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packageRoot } from "../../provider/testing/package-root";
import { INSTALL, OFFLINE_INSTALL, OFFLINE_TEST, QUICKSTART } from "../support/doc-locations";
import { docCommands, docTypeScript } from "../support/markdown";
import { copyInstalledDependencies } from "./support/installed-deps";

jest.setTimeout(240_000);

const ROOT = packageRoot();
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const NAME: string = PKG.name;
const LEGACY_SHIM_PATH = `${NAME}/dist/provider/logic`;

interface Run { code: number; out: string }

/** Runs a shell command line as a user would type it; never throws (the tests assert on code). */
function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile("sh", ["-c", command], { cwd, env: { ...userEnv(), ...env }, maxBuffer: 64 << 20, timeout: 180_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as any).code === "number" ? (err as any).code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

/** The environment of a user's shell: none of npm's script variables, no cloud credentials. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k) || k.startsWith("ALIBABA_CLOUD_")) delete env[k];
  return env;
}

function expectOk(run: Run, what: string): void {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.out.slice(-4000)}`);
}

/** The repository as a clean clone has it (git's tracked and untracked-but-not-ignored files), no dist/. */
function copyRepository(to: string): void {
  let files: string[];
  try {
    files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0");
  } catch {
    // Not a git checkout (e.g. an unpacked source archive): everything but installs and build output.
    files = fs.readdirSync(ROOT).filter((f) => !["node_modules", "dist", ".git"].includes(f))
      .flatMap((f) => (fs.statSync(path.join(ROOT, f)).isDirectory() ? (fs.readdirSync(path.join(ROOT, f), { recursive: true }) as string[]).map((g) => path.join(f, g)) : [f]));
  }
  for (const f of files.filter((f) => f && fs.existsSync(path.join(ROOT, f)) && fs.statSync(path.join(ROOT, f)).isFile())) {
    fs.mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(to, f));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(to, "node_modules"), "dir");
}

const TYPES_CHECK = `
import { DiskRestore, SystemDiskReplacement, type DiskRestoreArgs } from "${NAME}";
import { startEmulator, DEMO_IDS, DEMO_FLEET } from "${NAME}/emulator";
import { runEngine, formatSummary, ProviderPlugin } from "${NAME}/testing";

// Each import must carry real types: \`any\` would make every line below pass silently.
type IsAny<T> = 0 extends 1 & T ? true : false;
const notAny: [false, false, false, false, false, false, false] = [
  false as IsAny<typeof DiskRestore>, false as IsAny<typeof SystemDiskReplacement>, false as IsAny<typeof startEmulator>,
  false as IsAny<typeof DEMO_FLEET>, false as IsAny<typeof runEngine>, false as IsAny<typeof formatSummary>,
  false as IsAny<typeof ProviderPlugin>,
];
const args: DiskRestoreArgs = { disks: [{ diskId: DEMO_IDS.disks.webData1, snapshotId: DEMO_IDS.snapshots.webData1 }] };
// @ts-expect-error timeScale is a number
void startEmulator({ timeScale: "fast" });
// @ts-expect-error the operation is preview, up or destroy
void runEngine({ operation: "deploy", stack: "s", stateFile: "f" });
// @ts-expect-error disks is required
const noDisks: DiskRestoreArgs = {};
export { notAny, args, noDisks };
`;

describe("the packed package, installed offline into a fresh Pulumi project", () => {
  let tmp: string;
  let tarball: string;
  let app: string;

  beforeAll(async () => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "diskops-pack-")));
    const clone = path.join(tmp, "clone");
    copyRepository(clone);
    // A stale build output from an older layout must not reach the tarball (prepack cleans).
    fs.mkdirSync(path.join(clone, "dist", "provider", "logic"), { recursive: true });
    fs.writeFileSync(path.join(clone, "dist", "provider", "logic", "stale.js"), "throw new Error('stale');\n");

    const [pack] = docCommands(INSTALL.page, INSTALL.heading, "npm pack");
    expect(pack).toBe("npm pack");
    expectOk(await sh(pack, clone), pack);
    tarball = path.join(clone, `${NAME}-${PKG.version}.tgz`);
    expect(fs.existsSync(tarball)).toBe(true);

    // The user's project: Pulumi.yaml, @pulumi/pulumi, TypeScript and Node types, already installed.
    app = path.join(tmp, "app");
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, "Pulumi.yaml"), "name: quickstart\nruntime: nodejs\n");
    const dev = PKG.devDependencies;
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({
      name: "quickstart", version: "1.0.0", private: true,
      dependencies: { "@pulumi/pulumi": dev["@pulumi/pulumi"] },
      devDependencies: { typescript: dev.typescript, "@types/node": dev["@types/node"] },
    }, null, 2));
    copyInstalledDependencies(path.join(ROOT, "node_modules"), path.join(app, "node_modules"), [
      "@pulumi/pulumi", "typescript", "@types/node", ...Object.keys(PKG.dependencies),
    ]);

    const [online] = docCommands(INSTALL.page, INSTALL.heading, "npm install /path/to/");
    expect(online).toBe(`npm install /path/to/${path.basename(tarball)}`);
    const [install] = docCommands(OFFLINE_INSTALL.page, OFFLINE_INSTALL.heading, "npm install --offline");
    expect(install).toContain(`/path/to/${path.basename(tarball)}`);
    // An empty npm cache: what is in node_modules must be enough.
    const cache = { npm_config_cache: path.join(tmp, "npm-cache") };
    expectOk(await sh(install.replace("/path/to/", `${path.dirname(tarball)}/`), app, cache), install);
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test("the tarball holds the provider, the emulator, the README, CHANGELOG and LICENSE, built, nothing else", async () => {
    const list = await sh(`tar -tzf "${tarball}"`, tmp);
    expectOk(list, "tar -tzf");
    const files = list.out.trim().split("\n").map((f) => f.replace(/^package\//, ""));
    const TOP = ["package.json", "README.md", "CHANGELOG.md", "LICENSE"];
    const strays = files.filter((f) => !TOP.includes(f) && !/^dist\/(provider|emulator)\/.+\.(js|d\.ts)$/.test(f));
    expect(strays).toEqual([]);
    expect(TOP.filter((f) => !files.includes(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith("dist/provider/logic/"))).toEqual([]);
    // Every path package.json points at is in it: exports, main, types, typesVersions, bins.
    const exportTargets = Object.values(PKG.exports as Record<string, string | Record<string, string>>).flatMap((t) =>
      typeof t === "string" ? [t] : Object.values(t),
    );
    const typesTargets = Object.values(PKG.typesVersions["*"] as Record<string, string[]>).flat();
    for (const target of [...exportTargets, PKG.main, PKG.types, ...typesTargets, ...Object.values(PKG.bin as Record<string, string>)]) {
      expect(files).toContain(target.replace(/^\.\//, ""));
    }
    expect(files.some((f) => f.startsWith("dist/provider/testing/engine/"))).toBe(true);
  });

  test("Node resolves the entry points through the exports map, the old shim path included, and refuses deep paths", async () => {
    const ids = [NAME, `${NAME}/emulator`, `${NAME}/testing`, `${NAME}/implementation`, LEGACY_SHIM_PATH, `${NAME}/dist/provider/implementation.js`];
    const script = `const r = (id) => { try { return require.resolve(id); } catch (e) { return e.code; } };
      console.log(JSON.stringify(${JSON.stringify(ids)}.map(r)));
      const impl = require("${NAME}/implementation");
      if (require("${LEGACY_SHIM_PATH}") !== impl || typeof impl.provider("DiskRestore").check !== "function") process.exit(3);`;
    const run = await sh(`node -e '${script}'`, app);
    expectOk(run, "node -e require.resolve");
    const installed = path.join(app, "node_modules", NAME, "dist");
    expect(JSON.parse(run.out.trim().split("\n").pop()!)).toEqual([
      path.join(installed, "provider", "index.js"),
      path.join(installed, "emulator", "index.js"),
      path.join(installed, "provider", "testing", "index.js"),
      path.join(installed, "provider", "implementation.js"),
      path.join(installed, "provider", "implementation.js"),
      "ERR_PACKAGE_PATH_NOT_EXPORTED",
    ]);
  });

  for (const [resolution, mod] of [["node16", "node16"], ["node", "commonjs"]]) {
    test(`types resolve for every entry point under moduleResolution ${resolution}`, async () => {
      fs.writeFileSync(path.join(app, `types-${resolution}.ts`), TYPES_CHECK);
      const tsc = `node node_modules/typescript/bin/tsc --noEmit --strict --skipLibCheck --target es2022 --module ${mod} --moduleResolution ${resolution} --types node types-${resolution}.ts`;
      expectOk(await sh(tsc, app), tsc);
    });
  }

  test("the documented offline test script runs the README's quickstart from the installed package; a 0.1.0 shim in state still deletes", async () => {
    fs.writeFileSync(path.join(app, "index.ts"), docTypeScript(QUICKSTART.page, QUICKSTART.heading).code);
    fs.writeFileSync(path.join(app, "offline-test.ts"), docTypeScript(OFFLINE_TEST.page, OFFLINE_TEST.heading).code);
    const stateRoot = path.join(tmp, "state");
    fs.mkdirSync(stateRoot);
    const [command] = docCommands(OFFLINE_TEST.page, OFFLINE_TEST.heading, "npx tsc");
    const run = await sh(command, app, { TMPDIR: stateRoot });
    expectOk(run, command);
    expect(run.out).toMatch(/^\s*\+ .*DiskRestore\s+db-rollback\s+create$/m);
    expect(run.out).toMatch(/^\s*\+ .*SystemDiskReplacement\s+web-os\s+create$/m);

    // The state the script left (in its own temp dir): both resources, each with the serialized
    // shim that loads the implementation by package name.
    const [stackDir] = fs.readdirSync(stateRoot).filter((d) => d.startsWith("stack-"));
    const stateFile = path.join(stateRoot, stackDir, "test.json");
    const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
    const custom = state.resources.filter((r: { custom: boolean }) => r.custom);
    expect(custom.map((r: { name: string }) => r.name).sort()).toEqual(["db-rollback", "web-os"]);
    const current = `"${NAME}/implementation"`;
    for (const r of custom) {
      expect(r.provider).toContain(current);
      expect(r.outputs.__provider).toBe(r.provider);
    }
    expect(custom.find((r: { name: string }) => r.name === "web-os").outputs.systemDiskId).toMatch(/^d-/);

    // State written by 0.1.0 holds shims that load `…/dist/provider/logic`; `delete` runs them.
    const legacy = JSON.stringify(state).split(current).join(`"${LEGACY_SHIM_PATH}"`);
    expect(legacy).not.toContain(current);
    fs.writeFileSync(stateFile, legacy);
    const destroy = await sh(`npx diskops-test-engine destroy --stack test --state "${stateFile}"`, app);
    expectOk(destroy, "diskops-test-engine destroy");
    expect(destroy.out).toMatch(/^\s*- .*DiskRestore\s+db-rollback\s+delete$/m);
    expect(JSON.parse(fs.readFileSync(stateFile, "utf8")).resources).toEqual([]);
  });
});
