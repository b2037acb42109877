// The engine behaviours this package depends on (docs/ENGINE.md), observed through the real
// Pulumi CLI with a probe dynamic provider that records every call it gets (method, process id,
// arguments) in a file. The test engine (provider/testing/engine) must agree with each.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliStack } from "./support/cli-stack";

const PROBE = `
const pulumi = require("@pulumi/pulumi");
const config = new pulumi.Config();
const record = (method, data) =>
  require("fs").appendFileSync(process.env.PROBE_LOG, JSON.stringify({ method, pid: process.pid, ...data }) + "\\n");
const probe = {
  async check(olds, news) { record("check", { olds, news }); return { inputs: { ...news, checked: true } }; },
  // No "changes" in the answer: unknown, so the engine compares the inputs itself.
  async diff(id, olds, news) { record("diff", { olds, news }); return {}; },
  async create(inputs) {
    record("create", { inputs });
    console.log("probe-stdout: from create");
    console.error("probe-stderr: from create");
    return { id: "probe-1", outs: { ...inputs, out: "created" } };
  },
  async update(id, olds, news) {
    record("update", { olds, news });
    if (news.fail) throw Object.assign(new Error("probe: update failed on purpose"), { id, properties: { ...news, out: "partial" }, reasons: ["on purpose"] });
    return { outs: { ...news, out: "updated" } };
  },
  async read(id, props) { record("read", { props }); return { id, props: { ...props, out: "read" } }; },
  async delete() {},
};
const r = new pulumi.dynamic.Resource(probe, "probe", {
  value: config.require("value"), secretValue: config.requireSecret("secretValue"), fail: config.getBoolean("fail") ?? false, out: undefined,
});
exports.out = r.out;
`;

const SECRET = "probe-Secret-9x";
let stack: CliStack;
let logFile: string;

interface Call { method: string; pid: number; olds?: any; news?: any; inputs?: any; props?: any }
let seen = 0;
/** The probe's calls since the last look. */
function calls(): Call[] {
  const all = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
  const fresh = all.slice(seen);
  seen = all.length;
  return fresh;
}
const resource = async () => (await stack.exportState()).deployment.resources.find((r: any) => r.urn.endsWith("::probe"));

beforeAll(async () => {
  logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "diskops-probe-")), "calls.jsonl");
  // The probe needs no cloud; the URL only fills the provider environment.
  stack = await CliStack.create({ project: "probe", cloudUrl: "http://127.0.0.1:9", programSource: PROBE, config: { value: "a" }, secretConfig: { secretValue: SECRET }, env: { PROBE_LOG: logFile } });
});
afterAll(() => {
  stack?.cleanup();
  fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
});

test("up without --skip-preview: check runs twice, in two provider processes; stdout/stderr of the provider shown as info", async () => {
  const { output } = await stack.up();
  const c = calls();
  const checks = c.filter((x) => x.method === "check");
  expect(checks).toHaveLength(2);
  expect(new Set(checks.map((x) => x.pid)).size).toBe(2);
  expect(c.find((x) => x.method === "create")!.pid).toBe(checks[1].pid);
  expect(output).toContain("probe-stdout: from create");
  expect(output).toContain("probe-stderr: from create");
});

test("secrets are stripped before the provider sees them and re-marked in state", async () => {
  const create = (await fs.promises.readFile(logFile, "utf8")).split("\n").map((l) => l && JSON.parse(l)).find((x) => x && x.method === "create");
  expect(create.inputs.secretValue).toBe(SECRET);
  const r = await resource();
  for (const props of [r.inputs, r.outputs]) expect(props.secretValue).toMatchObject({ ciphertext: expect.any(String) });
  expect(JSON.stringify(r)).not.toContain(SECRET);
});

test("check gets the old inputs, diff and update get the old outputs; an unknown diff with changed inputs updates", async () => {
  await stack.setConfig({ value: "b" });
  await stack.up();
  const c = calls();
  const check = c.filter((x) => x.method === "check");
  expect(check[0].olds).toMatchObject({ value: "a", checked: true });
  expect(check[0].olds.out).toBeUndefined();
  const diff = c.find((x) => x.method === "diff")!;
  expect(diff.olds).toMatchObject({ value: "a", out: "created" });
  const update = c.find((x) => x.method === "update")!;
  expect(update.olds).toMatchObject({ value: "a", out: "created" });
  expect(update.news).toMatchObject({ value: "b" });
  expect((await resource()).outputs.out).toBe("updated");
});

test("an unknown diff with the same inputs is no change", async () => {
  const { output } = await stack.up();
  const c = calls();
  expect(c.some((x) => x.method === "diff")).toBe(true);
  expect(c.some((x) => x.method === "update")).toBe(false);
  expect(output).toMatch(/2 unchanged/);
});

test("refresh is Read, then Diff on the inputs: new outputs are recorded, an outputs-only change is no update", async () => {
  const { output } = await stack.refresh("--diff");
  const methods = calls().map((x) => x.method);
  expect(methods).toContain("read");
  expect(methods.lastIndexOf("diff")).toBeGreaterThan(methods.indexOf("read"));
  expect(output).toMatch(/2 unchanged/);
  expect((await resource()).outputs.out).toBe("read");
});

test("a failed update keeps the old inputs and records initErrors, which force an update next time", async () => {
  await stack.setConfig({ fail: "true" });
  const failed = await stack.run(["up", "--yes"], true);
  expect(failed.code).not.toBe(0);
  // The CLI shows the reasons of a partial-state error, not its message (our OperationError puts its message in the reasons).
  expect(failed.output).toMatch(/error: 1 error occurred:\s+\* on purpose/);
  expect(failed.output).not.toContain("probe: update failed on purpose");
  const r = await resource();
  expect(r.inputs.fail).toBe(false);
  expect(r.outputs).toMatchObject({ fail: true, out: "partial" });
  expect(r.initErrors).toEqual(["on purpose"]);
  calls();
  await stack.setConfig({ fail: "false" });
  // Inputs now equal the recorded ones, yet the initErrors make the engine update again.
  await stack.up();
  expect(calls().filter((x) => x.method === "update")).toHaveLength(1);
  expect((await resource()).initErrors ?? []).toEqual([]);
});
