// Finds the root of this package (the directory whose package.json names pulumi-alicloud-diskops),
// whether running from TypeScript sources or from dist/.
import * as fs from "fs";
import * as path from "path";

export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pj = path.join(dir, "package.json");
    if (fs.existsSync(pj) && JSON.parse(fs.readFileSync(pj, "utf8")).name === "pulumi-alicloud-diskops") return dir;
    if (path.dirname(dir) === dir) throw new Error(`package root of pulumi-alicloud-diskops not found above ${from}`);
  }
}

/** Resolves `id` as code in `dir` would, falling back to this package's own copy. */
export function resolveFrom(dir: string, id: string): string {
  try {
    return require.resolve(id, { paths: [dir] });
  } catch {
    return require.resolve(id);
  }
}
