// The test engine runs a real program (test/engine/fixtures/two-resources: a SystemDiskReplacement
// and a DiskRestore that uses its computed systemDiskId) against the real plugin and the stub logic.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runEngine, RunEngineResult, Operation, loadState } from "../../provider/testing";
import { stubLogicEnv, secret, isSecret, UNKNOWN } from "../support/plugin-harness";

const PROGRAM = path.join(__dirname, "fixtures", "two-resources");
const PASSWORD = "Engine-Pa55word!";
const SDR = "urn:pulumi:dev::fixture::pulumi-nodejs:dynamic/diskops:SystemDiskReplacement::replace";
const DR = "urn:pulumi:dev::fixture::pulumi-nodejs:dynamic/diskops:DiskRestore::restore";

describe("test engine lifecycle", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-engine-"));
  const stateFile = path.join(dir, "dev.json");
  const stub = stubLogicEnv();
  let seen = 0;

  /** Runs the engine; returns its result and the stub logic calls it caused. */
  async function run(operation: Operation, config: Record<string, string> = {}) {
    const result: RunEngineResult = await runEngine({
      operation, programDir: PROGRAM, stack: "dev", stateFile, env: stub.env,
      config: { "alicloud:region": "cn-beijing", password: secret(PASSWORD), ...config },
    });
    const all = stub.calls();
    const calls = all.slice(seen);
    seen = all.length;
    return { result, calls, ops: calls.filter((c) => c.op !== "configure").map((c) => `${c.op}:${c.kind}`) };
  }
  const steps = (r: RunEngineResult) => r.steps.map((s) => `${s.op}:${s.name}`);
  const readState = () => JSON.parse(fs.readFileSync(stateFile, "utf8"));

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("previews two creates without creating anything, unknown outputs flowing as unknowns", async () => {
    const { result, calls, ops } = await run("preview");
    expect(result.failed).toBeUndefined();
    expect(steps(result)).toEqual(["create:replace", "create:restore"]);
    expect(ops).toEqual(["check:SystemDiskReplacement", "check:DiskRestore"]);
    // The restore's disk id is the replacement's computed output: unknown in a preview.
    expect(calls.find((c) => c.kind === "DiskRestore").news.disks[0].diskId).toBe(UNKNOWN);
    expect(result.outputs.systemDiskId).toBe(UNKNOWN);
    expect(fs.existsSync(stateFile)).toBe(false);
  });

  it("creates both, the dependent after its dependency, and records the state", async () => {
    const { result, ops, calls } = await run("up");
    expect(result.failed).toBeUndefined();
    expect(steps(result)).toEqual(["create:replace", "create:restore"]);
    // Like `pulumi up`: a preview pass (Check only), then the update.
    expect(ops).toEqual(["check:SystemDiskReplacement", "check:DiskRestore", "check:SystemDiskReplacement", "create:SystemDiskReplacement", "check:DiskRestore", "create:DiskRestore"]);
    expect(calls[0]).toMatchObject({ op: "configure", region: "cn-beijing" });
    expect(result.outputs.systemDiskId).toBe("d-new-i-1");
    expect(isSecret(result.outputs.password)).toBe(true);

    const state = loadState(stateFile, "fixture", "dev");
    const sdr = state.resources.find((r) => r.urn === SDR)!;
    const dr = state.resources.find((r) => r.urn === DR)!;
    expect(sdr.id).toMatch(/^SystemDiskReplacement-/);
    expect(sdr.outputs).toMatchObject({ systemDiskId: "d-new-i-1", configuredRegion: "cn-beijing", imageId: "img-1" });
    expect(isSecret(sdr.inputs.password) && isSecret(sdr.outputs.password)).toBe(true);
    expect(sdr.provider).toContain("pulumi-alicloud-diskops/implementation");
    expect(dr.dependencies).toEqual([SDR]);
    expect(dr.inputs.disks).toEqual([{ diskId: "d-new-i-1", snapshotId: "s-1" }]);
    expect(dr.parent).toBe("urn:pulumi:dev::fixture::pulumi:pulumi:Stack::fixture-dev");
    // Secrets are stored encrypted, and neither the program nor the plugin printed them.
    expect(fs.readFileSync(stateFile, "utf8")).not.toContain(PASSWORD);
    expect(result.diagnostics).not.toContain(PASSWORD);
  });

  it("changes nothing when nothing changed", async () => {
    const before = readState();
    const { result, ops } = await run("up");
    expect(result.failed).toBeUndefined();
    expect(steps(result)).toEqual(["same:replace", "same:restore"]);
    const pass = ["check:SystemDiskReplacement", "diff:SystemDiskReplacement", "check:DiskRestore", "diff:DiskRestore"];
    expect(ops).toEqual([...pass, ...pass]);
    expect(readState().resources.map((r: any) => r.id)).toEqual(before.resources.map((r: any) => r.id));
  });

  it("previews an update without calling update; the dependent sees the updated outputs as unknown", async () => {
    const { result, ops, calls } = await run("preview", { image: "img-2" });
    expect(result.steps.map((s) => [s.op, s.name, s.diffKeys])).toEqual([["update", "replace", ["imageId"]], ["update", "restore", ["disks"]]]);
    expect(result.steps[1].changes).toEqual([{ key: "disks", old: [{ diskId: "d-new-i-1", snapshotId: "s-1" }], new: [{ diskId: UNKNOWN, snapshotId: "s-1" }] }]);
    expect(calls.find((c) => c.op === "check" && c.kind === "DiskRestore").news.disks[0].diskId).toBe(UNKNOWN);
    expect(ops.some((o) => /^(create|update|delete)/.test(o))).toBe(false);
  });

  it("updates in place when an input changes", async () => {
    const { result, ops } = await run("up", { image: "img-2" });
    expect(result.failed).toBeUndefined();
    expect(result.steps.map((s) => [s.op, s.name, s.diffKeys])).toEqual([["update", "replace", ["imageId"]], ["same", "restore", []]]);
    expect(ops).toContain("update:SystemDiskReplacement");
    expect(loadState(stateFile, "fixture", "dev").resources.find((r) => r.urn === SDR)!.outputs).toMatchObject({ imageId: "img-2", updatedCount: 1 });
  });

  it("replaces create-before-delete when the provider says so, and the dependent follows", async () => {
    const oldIds = Object.fromEntries(readState().resources.map((r: any) => [r.urn, r.id]));
    const { result, calls } = await run("up", { image: "img-2", instance: "i-2" });
    expect(result.failed).toBeUndefined();
    const replace = result.steps.find((s) => s.name === "replace")!;
    expect(replace).toMatchObject({ op: "replace", replaceKeys: ["instanceId"], diffKeys: ["instanceId"] });
    expect(result.steps.find((s) => s.name === "restore")).toMatchObject({ op: "replace", diffKeys: ["disks", "instanceId"] });
    const sdrOps = calls.filter((c) => c.kind === "SystemDiskReplacement" && (c.op === "create" || c.op === "delete"));
    expect(sdrOps.map((c) => c.op)).toEqual(["create", "delete"]);
    expect(sdrOps[1].id).toBe(oldIds[SDR]);
    const state = loadState(stateFile, "fixture", "dev");
    expect(state.resources.find((r) => r.urn === SDR)!.id).not.toBe(oldIds[SDR]);
    expect(state.resources.find((r) => r.urn === DR)!.inputs.instanceId).toBe("i-2");
  });

  it("deletes a resource the program no longer registers", async () => {
    const { result, ops } = await run("up", { image: "img-2", instance: "i-2", withRestore: "false" });
    expect(result.failed).toBeUndefined();
    expect(steps(result)).toEqual(["same:replace", "delete:restore"]);
    expect(ops).toContain("delete:DiskRestore");
    expect(readState().resources.map((r: any) => r.urn)).not.toContain(DR);
  });

  it("deletes before creating when the provider asks for deleteBeforeReplace", async () => {
    const oldId = loadState(stateFile, "fixture", "dev").resources.find((r) => r.urn === SDR)!.id;
    const { result, calls } = await run("up", { image: "img-2", instance: "i-4", dbr: "true", withRestore: "false" });
    expect(result.failed).toBeUndefined();
    expect(steps(result)).toEqual(["replace:replace"]);
    const sdrOps = calls.filter((c) => c.kind === "SystemDiskReplacement" && (c.op === "create" || c.op === "delete"));
    expect(sdrOps.map((c) => [c.op, c.op === "delete" ? c.id : c.inputs.instanceId])).toEqual([["delete", oldId], ["create", "i-4"]]);
  });

  it("records a failed create with its partial state, keeps the replaced resource, and fails the run", async () => {
    const oldId = loadState(stateFile, "fixture", "dev").resources.find((r) => r.urn === SDR)!.id;
    const { result } = await run("up", { image: "img-2", instance: "i-3", failCreate: "true" });
    expect(result.failed).toMatch(/replace failed: stub create failed/);
    expect(result.steps.find((s) => s.name === "replace")).toMatchObject({ op: "replace", error: expect.stringMatching(/stub create failed/) });
    const state = loadState(stateFile, "fixture", "dev");
    const sdr = state.resources.find((r) => r.urn === SDR)!;
    expect(sdr.initErrors).toEqual([expect.stringMatching(/stub create failed/)]);
    expect(sdr.outputs).toMatchObject({ state: "partial", instanceId: "i-3" });
    expect(state.pendingDeletes?.map((r) => r.id)).toEqual([oldId]);
    // The dependent never ran.
    expect(state.resources.map((r) => r.urn)).not.toContain(DR);

    // The next good run retries it and deletes the replaced one.
    const retry = await run("up", { image: "img-2", instance: "i-3" });
    expect(retry.result.failed).toBeUndefined();
    expect(retry.ops).toContain("delete:SystemDiskReplacement");
    expect(retry.calls.find((c) => c.op === "delete").id).toBe(oldId);
    const after = loadState(stateFile, "fixture", "dev");
    expect(after.resources.find((r) => r.urn === SDR)!.initErrors).toBeUndefined();
    expect(after.pendingDeletes).toBeUndefined();
    expect(after.resources.map((r) => r.urn)).toContain(DR);
  });

  it("destroys everything, dependents first", async () => {
    expect(readState().resources.map((r: any) => r.urn)).toContain(DR);
    const { result, ops } = await run("destroy");
    expect(result.failed).toBeUndefined();
    expect(steps(result)).toEqual(["delete:restore", "delete:replace"]);
    expect(ops).toEqual(["delete:DiskRestore", "delete:SystemDiskReplacement"]);
    expect(readState().resources).toEqual([]);
  });
});
