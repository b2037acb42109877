// A Pulumi project folder as a user has one: Pulumi.yaml, package.json, the program (index.ts or
// index.js, with the tsconfig.json `pulumi new typescript` writes), and node_modules holding the
// packed package (the row's shared install, see packed-package.ts). Or an example's own folder,
// copied as it is in examples/.
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../../../provider/testing/package-root";
import type { SharedInstall } from "./packed-package";

const ROOT = packageRoot();

/** The tsconfig.json of `pulumi new typescript`. */
export const TSCONFIG = {
  compilerOptions: {
    strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true,
    experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

export type ProgramSpec =
  | { js: string }
  | { ts: string }
  /** An example folder under examples/ (its Pulumi.yaml, package.json, tsconfig.json, index.ts). */
  | { example: string };

/** Writes the project into `dir` (created); returns the program file. */
export function writeProject(dir: string, name: string, program: ProgramSpec, install: SharedInstall): string {
  fs.mkdirSync(dir, { recursive: true });
  if ("example" in program) {
    const from = path.join(ROOT, "examples", program.example);
    for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(dir, f));
  } else {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    const dependencies = { "@pulumi/pulumi": install.sdkVersion, "pulumi-alicloud-diskops": `file:${install.tarball}` };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", private: true, dependencies }, null, 2));
    if ("ts" in program) {
      fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
      fs.writeFileSync(path.join(dir, "index.ts"), program.ts);
    } else {
      fs.writeFileSync(path.join(dir, "index.js"), program.js);
    }
  }
  // Where `npm install` would have put the dependencies: the row's install of the tarball.
  fs.symlinkSync(install.nodeModules, path.join(dir, "node_modules"), "dir");
  const main = ["index.ts", "index.js"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!main) throw new Error(`${dir}: no index.ts or index.js`);
  return main;
}
