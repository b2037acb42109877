// Each example under examples/ is a Pulumi project of its own (docs/pulumi-cli.md): Pulumi.yaml,
// package.json and tsconfig.json beside index.ts. Its package.json takes this package from the
// tarball `npm pack` writes at the repository root (so the name follows the version) and
// @pulumi/pulumi in the supported peer range. The e2e suite runs them from copies of these folders.
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../../provider/testing/package-root";

const ROOT = packageRoot();
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const EXAMPLES = ["quickstart", "nightly-reset", "golden-image-waves"];

test.each(EXAMPLES)("examples/%s is a project that installs the packed tarball", (name) => {
  const dir = path.join(ROOT, "examples", name);
  const project = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
  expect(project).toMatch(new RegExp(`^name: diskops-${name}$`, "m"));
  expect(project).toMatch(/^runtime: nodejs$/m);
  const pj = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  expect(pj.dependencies[PKG.name]).toBe(`file:../../${PKG.name}-${PKG.version}.tgz`);
  expect(pj.dependencies["@pulumi/pulumi"]).toBe(PKG.peerDependencies["@pulumi/pulumi"]);
  expect(pj.main).toBe("index.ts");
  const tsconfig = JSON.parse(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8"));
  expect(tsconfig.files).toEqual(["index.ts"]);
  expect(fs.existsSync(path.join(dir, "index.ts"))).toBe(true);
});
