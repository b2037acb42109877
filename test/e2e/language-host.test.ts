// The language host that `npm run cli:install` builds is older than the CLI (sdk/v3 v3.68.0, the
// last release that holds it, beside CLI v3.248.0). The host starts `node @pulumi/pulumi/cmd/run`
// with the program and proxies the resource monitor; the engine is the CLI's. What that skew does
// and does not affect, each as docs/pulumi-cli.md states it:
import * as fs from "fs";
import * as path from "path";
import { CliStack } from "./support/cli-stack";
import { CLI_VERSION, HOST_VERSION } from "./support/tested-versions";

const PROBE = `
const pulumi = require("@pulumi/pulumi");
const config = new pulumi.Config();
if (config.getBoolean("stackTransform")) pulumi.runtime.registerResourceTransform(async () => undefined);
exports.project = pulumi.getProject();
exports.stack = pulumi.getStack();
exports.organization = pulumi.getOrganization();
exports.rootDirectory = pulumi.runtime.getRootDirectory();
exports.token = config.requireSecret("token");
exports.sdk = require("@pulumi/pulumi/package.json").version;
`;

const stacks: CliStack[] = [];
afterAll(() => stacks.forEach((s) => s.cleanup()));

async function probe(options: { inline?: boolean; main?: string } = {}): Promise<CliStack> {
  const stack = await CliStack.create({ project: options.inline ? "probe-inline" : "probe", cloudUrl: "http://127.0.0.1:9", programSource: PROBE, inline: options.inline, secretConfig: { token: "t0ken" } });
  stacks.push(stack);
  if (options.main) {
    // Pulumi.yaml's main: the program lives in a sub-folder.
    fs.mkdirSync(path.join(stack.projectDir, path.dirname(options.main)), { recursive: true });
    fs.renameSync(stack.program, path.join(stack.projectDir, options.main));
    fs.appendFileSync(path.join(stack.projectDir, "Pulumi.yaml"), `main: ${options.main}\n`);
  }
  return stack;
}

const outputs = async (stack: CliStack) => JSON.parse((await stack.run(["stack", "output", "--json", "--show-secrets"])).output);

test(`pulumi about names the CLI ${CLI_VERSION} and the language plugin nodejs ${HOST_VERSION}`, async () => {
  const stack = await probe();
  const { output } = await stack.run(["about"]);
  expect(output).toMatch(new RegExp(`Version\\s+${CLI_VERSION.slice(1).replace(/\./g, "\\.")}`));
  expect(output).toMatch(new RegExp(`language\\s+nodejs\\s+${HOST_VERSION.slice(1).replace(/\./g, "\\.")}`));
});

test(`Pulumi.yaml main, project/stack/organization, secret config are not affected; getRootDirectory() is: the placeholder "rootDirectory" (host ${HOST_VERSION} does not pass the project root)`, async () => {
  const stack = await probe({ main: "src/index.js" });
  const { output } = await stack.up();
  expect(output).not.toContain("t0ken");
  const out = await outputs(stack);
  expect(out).toMatchObject({ project: "probe", stack: "e2e", organization: "organization", token: "t0ken", sdk: stack.install!.sdkVersion });
  expect(out.rootDirectory).toBe("rootDirectory");
});

test(`affected: stack transforms (registerResourceTransform) fail through host ${HOST_VERSION}; the inline fallback runs them`, async () => {
  const hosted = await probe();
  await hosted.setConfig({ stackTransform: "true" });
  const failed = await hosted.run(["preview"], true);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toContain("Program exited with non-zero exit code");

  const inline = await probe({ inline: true });
  await inline.setConfig({ stackTransform: "true" });
  expect((await inline.run(["preview"])).code).toBe(0);
});

test("not affected: TypeScript is type-checked with the project's own TypeScript; an error fails preview with its diagnostic", async () => {
  const stack = await CliStack.create({ project: "ts-error", cloudUrl: "http://127.0.0.1:9", program: { ts: 'const size: number = "sixty";\nexport const out = size;\n' } });
  stacks.push(stack);
  const failed = await stack.run(["preview"], true);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toMatch(/TS2322: Type 'string' is not assignable to type 'number'/);
});

test("not affected: pulumi install installs a project's dependencies (the vendored tarball included) through the host", async () => {
  const stack = await probe();
  // A project as checked out: package.json and the vendored tarball, no node_modules yet.
  fs.unlinkSync(path.join(stack.projectDir, "node_modules"));
  const tarball = stack.install!.tarball;
  fs.mkdirSync(path.join(stack.projectDir, "vendor"));
  fs.copyFileSync(tarball, path.join(stack.projectDir, "vendor", path.basename(tarball)));
  const pj = JSON.parse(fs.readFileSync(path.join(stack.projectDir, "package.json"), "utf8"));
  pj.dependencies["pulumi-alicloud-diskops"] = `file:vendor/${path.basename(tarball)}`;
  fs.writeFileSync(path.join(stack.projectDir, "package.json"), JSON.stringify(pj, null, 2));

  const { output } = await stack.run(["install"]);
  expect(output).toContain("Finished installing dependencies");
  expect(fs.lstatSync(path.join(stack.projectDir, "node_modules")).isSymbolicLink()).toBe(false);
  expect(fs.existsSync(path.join(stack.projectDir, "node_modules", "pulumi-alicloud-diskops", "package.json"))).toBe(true);
  expect(fs.existsSync(path.join(stack.projectDir, "package-lock.json"))).toBe(true);
  await stack.up();
  expect((await outputs(stack)).sdk).toBe(stack.install!.sdkVersion);
});
