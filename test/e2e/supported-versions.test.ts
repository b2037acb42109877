// The README's supported-versions statement (the paragraph after `<!-- test:supported-versions -->`)
// names exactly what the suite runs: the CLI and host that cli:install builds, and the rows of
// tested-versions.ts (versions.test.ts runs each; the other e2e files run the default row). The
// rows themselves: the lowest is the peer range's lower bound, the default is this repository's
// own @pulumi/pulumi, and no newer @pulumi/pulumi installs on the Node running the suite.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { readmeMarked } from "../support/readme";
import { ROOT } from "./support/cli-stack";
import { CLI_VERSION, DEFAULT_ROW, HOST_VERSION, SDK_ROWS } from "./support/tested-versions";

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const statement = readmeMarked("supported-versions", "paragraph").replace(/\s+/g, " ");
const major = (v: string) => Number(v.replace(/^v/, "").split(".")[0]);
const cmp = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};
const rowNode = (node?: string) => (node ? major(node) : major(process.version));

test("the statement names the pinned CLI and language host", () => {
  expect(statement).toContain(`Pulumi CLI ${CLI_VERSION.slice(1)}`);
  expect(statement).toContain(`language host ${HOST_VERSION.slice(1)}`);
});

test("the statement's @pulumi/pulumi range, tested versions and Node versions are the suite's rows", () => {
  const sdks = SDK_ROWS.map((r) => r.sdk).sort(cmp);
  expect(statement).toContain(`\`@pulumi/pulumi\` ${sdks[0]} to ${sdks[sdks.length - 1]}`);
  expect(statement).toContain(`peer range \`${PKG.peerDependencies["@pulumi/pulumi"]}\``);

  // "tested: A and B on Node 20, C on Node 22" -> pairs.
  const tested = /tested: ([^)]*)\)/.exec(statement)![1];
  const pairs = tested.split(/,\s*/).flatMap((group) => {
    const m = /^(.*) on Node (\d+)$/.exec(group.trim())!;
    return m[1].split(/\s+and\s+/).map((v) => `${v.trim()}@${m[2]}`);
  });
  expect(pairs.sort()).toEqual(SDK_ROWS.map((r) => `${r.sdk}@${rowNode(r.node)}`).sort());

  const nodes = /Node\.js ([\d ,and]+)\./.exec(statement)![1].split(/,\s*|\s+and\s+/).map(Number);
  expect(nodes.sort()).toEqual([...new Set(SDK_ROWS.map((r) => rowNode(r.node)))].sort());
});

test("the lowest row is the peer range's lower bound; the default row is this repository's own @pulumi/pulumi", () => {
  const lowest = SDK_ROWS.map((r) => r.sdk).sort(cmp)[0];
  expect(PKG.peerDependencies["@pulumi/pulumi"]).toBe(`^${lowest}`);
  const own = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version;
  expect(DEFAULT_ROW.sdk).toBe(own);
  expect(DEFAULT_ROW.node).toBeUndefined();
});

test(`no @pulumi/pulumi newer than ${DEFAULT_ROW.sdk} installs on Node ${major(process.version)} (the registry's engines fields)`, () => {
  const out = execFileSync("npm", ["view", `@pulumi/pulumi@>${DEFAULT_ROW.sdk} <4`, "engines", "--json"], { encoding: "utf8" });
  const engines: { node?: string }[] = out.trim() ? [JSON.parse(out)].flat() : [];
  expect(engines.length).toBeGreaterThan(0);
  // Every newer release asks for a Node major above ours (">=22").
  for (const e of engines) expect(Number(/>=\s*(\d+)/.exec(e.node ?? "")?.[1] ?? 0)).toBeGreaterThan(major(process.version));
});

test("docs/pulumi-cli.md names every row and the pinned CLI and host", () => {
  const doc = fs.readFileSync(path.join(ROOT, "docs", "pulumi-cli.md"), "utf8");
  for (const v of [CLI_VERSION, HOST_VERSION, ...SDK_ROWS.map((r) => r.sdk)]) expect(doc).toContain(v.replace(/^v/, ""));
});
