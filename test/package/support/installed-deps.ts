// Pre-populates a fresh project's node_modules with packages already installed in this
// repository (what a user's project has before it installs our tarball), so `npm install
// --offline` finds every dependency in place and never needs the registry.
import * as fs from "fs";
import * as path from "path";

/**
 * Copies the top-level node_modules entries that `names` need (their whole dependency closure,
 * resolved the way Node resolves them) from `fromModules` to `toModules`, plus the `.bin` links
 * that point into what was copied. Returns the copied names.
 */
export function copyInstalledDependencies(fromModules: string, toModules: string, names: string[]): string[] {
  const topLevel = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean): void => {
    const dir = resolvePackageDir(fromModules, name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} (needed from ${fromDir}) is not installed in ${fromModules}: run npm ci`);
    }
    if (seen.has(dir)) return;
    seen.add(dir);
    topLevel.add(topLevelName(fromModules, dir));
    const pj = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    for (const dep of Object.keys(pj.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys({ ...pj.optionalDependencies, ...pj.peerDependencies })) visit(dep, dir, true);
  };
  for (const name of names) visit(name, path.dirname(fromModules), false);

  for (const name of topLevel) {
    fs.cpSync(path.join(fromModules, name), path.join(toModules, name), { recursive: true, verbatimSymlinks: true });
  }
  copyBinLinks(fromModules, toModules, topLevel);
  return [...topLevel].sort();
}

/** Node's lookup: `<dir>/node_modules/<name>` from `fromDir` upwards, not above `fromModules`. */
function resolvePackageDir(fromModules: string, name: string, fromDir: string): string | undefined {
  const stop = path.dirname(fromModules);
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === stop || path.dirname(dir) === dir) return undefined;
  }
}

/** `@scope/name` or `name`: the top-level entry of node_modules that holds `dir`. */
function topLevelName(fromModules: string, dir: string): string {
  const [first, second] = path.relative(fromModules, dir).split(path.sep);
  return first.startsWith("@") ? `${first}/${second}` : first;
}

function copyBinLinks(fromModules: string, toModules: string, copied: Set<string>): void {
  const bin = path.join(fromModules, ".bin");
  if (!fs.existsSync(bin)) return;
  fs.mkdirSync(path.join(toModules, ".bin"), { recursive: true });
  for (const entry of fs.readdirSync(bin)) {
    const link = path.join(bin, entry);
    if (!fs.lstatSync(link).isSymbolicLink()) continue;
    const target = path.resolve(bin, fs.readlinkSync(link));
    if (![...copied].some((name) => target.startsWith(path.join(fromModules, name) + path.sep))) continue;
    fs.symlinkSync(fs.readlinkSync(link), path.join(toModules, ".bin", entry));
  }
}
