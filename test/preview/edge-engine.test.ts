// A whole program through the test engine (real registrations, real plugin, secrets as the engine
// handles them) against the emulator: up, then preview and up again with the same program must be
// "same" for every resource and call nothing but Describe* in ECS.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runEngine, Operation, RunEngineResult } from "../../provider/testing";
import { secret } from "../support/plugin-harness";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { PreviewEmulator, callsSince, startPreviewEmulator } from "./support";

const { instances: I, disks: D, snapshots: S, images: M } = DEMO_IDS;
const ROOT = path.resolve(__dirname, "..", "..");
const PASSWORD = "Engine-Edge-Pa55!";

// Absolute requires: the program lives in a temp dir, the project (plugin cwd) is the package root.
const PROGRAM = `
const pulumi = require(${JSON.stringify(require.resolve("@pulumi/pulumi", { paths: [ROOT] }))});
const { DiskRestore, SystemDiskReplacement } = require(${JSON.stringify(path.join(ROOT, "node_modules", "pulumi-alicloud-diskops"))});
const cfg = new pulumi.Config();
const full = cfg.getBoolean("full");
new DiskRestore("dr", full ? {
  disks: [{ diskId: "${D.webData1}", snapshotId: "${S.webData1Later}" }, { diskId: "${D.webData2}", snapshotId: "${S.webData2}" }],
  instanceId: "${I.web}", regionId: "cn-hangzhou", powerPolicy: "leave-stopped", forceStop: false, stoppedMode: "KeepCharging",
  strategy: "batch", preflight: true, timeouts: { stop: "3m", restore: 1200, start: "5m" }, triggers: { run: cfg.get("run") ?? "1" },
} : { disks: [{ diskId: "${D.webData2}", snapshotId: "${S.webData2}" }] });
new SystemDiskReplacement("sd", full ? {
  instanceId: "${I.windows}", imageId: "${M.windows2022}", systemDiskSize: 50, password: cfg.requireSecret("password"),
  encrypted: true, kmsKeyId: "${DEMO_IDS.kmsKeys.enabled}", securityEnhancementStrategy: "Active", useAdditionalService: false,
  regionId: "cn-hangzhou", powerPolicy: "restore", forceStop: true, stoppedMode: "StopCharging", preflight: true,
  timeouts: { stop: 600, replace: "30m", start: "300s" }, triggers: [1, "two"],
} : { instanceId: "${I.web}", imageId: "${M.ubuntu2404}" });
`;

let emu: PreviewEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startPreviewEmulator();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-edge-engine-"));
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
});
afterAll(async () => {
  await emu?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function run(operation: Operation, stack: string, config: Record<string, unknown>): Promise<RunEngineResult> {
  const result = await runEngine({
    operation, program: path.join(dir, "index.js"), programDir: ROOT, project: "edge", stack,
    stateFile: path.join(dir, `${stack}.json`), env: emu.env,
    config: { "alicloud:region": "cn-hangzhou", password: secret(PASSWORD), ...config } as any,
  });
  expect(result.failed).toBeUndefined();
  return result;
}
const ops = (r: RunEngineResult) => r.steps.map((s) => `${s.op}:${s.name}`).sort();

test.each([
  ["every optional input", "full", { full: "true" }],
  ["no optional input", "min", {}],
])("%s: up, then preview and up again are 'same' and call only Describe*", async (_name, stack, config) => {
  const up = await run("up", stack, config);
  expect(ops(up)).toEqual(["create:dr", "create:sd"]);
  const before = (await emu.calls()).length;
  expect(ops(await run("preview", stack, config))).toEqual(["same:dr", "same:sd"]);
  expect(ops(await run("up", stack, config))).toEqual(["same:dr", "same:sd"]);
  expect((await callsSince(emu, before)).filter((c) => !c.Action.startsWith("Describe"))).toEqual([]);
  const state = fs.readFileSync(path.join(dir, `${stack}.json`), "utf8");
  expect(state).not.toContain(PASSWORD);
}, 120000);

test("a changed trigger re-runs only that resource (update), the other stays the same", async () => {
  const r = await run("preview", "full", { full: "true", run: "2" });
  expect(ops(r)).toEqual(["same:sd", "update:dr"]);
}, 60000);
