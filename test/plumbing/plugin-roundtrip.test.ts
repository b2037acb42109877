// Drives the real dynamic-provider plugin process over gRPC with the real shim (captured from a
// real registration) forwarding to the stub logic.
import { DiskRestore, SystemDiskReplacement } from "../../provider";
import { captureProvider } from "../support/capture-provider";
import { startStubPlugin, StubPlugin, PluginCallError, secret, isSecret, UNKNOWN } from "../support/plugin-harness";

const REGION = "cn-shanghai";
const SECRET_KEY = "configured-secret-key-value-42";
const PASSWORD = "Roundtrip-Pa55word!";
const URN_R = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/diskops:DiskRestore::restore";
const URN_S = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/diskops:SystemDiskReplacement::replace";

describe("shim through the real plugin", () => {
  let stub: StubPlugin;
  let restoreShim: string;
  let replaceShim: string;

  beforeAll(async () => {
    restoreShim = await captureProvider(() => new DiskRestore("restore", { disks: [{ diskId: "d-1", snapshotId: "s-1" }] }));
    replaceShim = await captureProvider(() => new SystemDiskReplacement("replace", { instanceId: "i-1", imageId: "img-1" }));
    stub = await startStubPlugin();
    await stub.plugin.configure({ "alicloud:region": REGION, "alicloud:secretKey": secret(SECRET_KEY) });
  });
  afterAll(() => stub?.close());

  const restoreInputs = (extra: Record<string, unknown> = {}) => ({
    __provider: restoreShim,
    disks: [{ diskId: "d-1", snapshotId: "s-1" }],
    instanceId: "i-1",
    ...extra,
  });

  it("hands the config to the logic's configure() before anything else, secrets unwrapped", async () => {
    const checked = await stub.plugin.check(URN_R, {}, restoreInputs());
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toEqual(restoreInputs());
    const [first, second] = stub.calls();
    expect(first).toMatchObject({ op: "configure", region: REGION, secretKeyLength: SECRET_KEY.length, secretKeyIsString: true });
    expect(first.keys).toEqual(["alicloud:region", "alicloud:secretKey"]);
    expect(second).toMatchObject({ op: "check", kind: "DiskRestore", configured: true });
  });

  it("configures each kind's logic once, before its first call", async () => {
    await stub.plugin.check(URN_S, {}, { __provider: replaceShim, instanceId: "i-1", imageId: "img-1" });
    await stub.plugin.check(URN_S, {}, { __provider: replaceShim, instanceId: "i-1", imageId: "img-2" });
    const ops = stub.calls().map((c) => c.op + (c.kind ? ":" + c.kind : ""));
    expect(ops.filter((o) => o === "configure")).toHaveLength(2);
    expect(stub.calls().every((c) => c.op === "configure" || c.configured)).toBe(true);
  });

  it("reports check failures", async () => {
    const checked = await stub.plugin.check(URN_R, {}, restoreInputs({ failCheck: true }));
    expect(checked.failures).toEqual([{ property: "failCheck", reason: "stub check failure" }]);
  });

  it("round-trips create, diff, update, read and delete", async () => {
    const created = await stub.plugin.create(URN_R, restoreInputs());
    expect(created.id).toMatch(/^DiskRestore-\d+-\d+$/);
    expect(created.properties).toMatchObject({ ...restoreInputs(), configuredRegion: REGION });
    expect(created.properties.__provider).toBe(restoreShim);

    const same = await stub.plugin.diff(created.id, URN_R, created.properties, restoreInputs());
    expect(same).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
    const changed = await stub.plugin.diff(created.id, URN_R, created.properties, restoreInputs({ powerPolicy: "start" }));
    expect(changed).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const replace = await stub.plugin.diff(created.id, URN_R, created.properties, restoreInputs({ instanceId: "i-2", deleteBeforeReplace: true }));
    expect(replace).toEqual({ changes: "some", replaces: ["instanceId"], deleteBeforeReplace: true });

    const updated = await stub.plugin.update(created.id, URN_R, created.properties, restoreInputs({ powerPolicy: "start" }));
    expect(updated.properties).toMatchObject({ powerPolicy: "start", updatedCount: 1, __provider: restoreShim });

    const read = await stub.plugin.read(created.id, URN_R, updated.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties).toMatchObject({ powerPolicy: "start", readBack: true, __provider: restoreShim });

    await stub.plugin.delete(created.id, URN_R, updated.properties);
    const ops = stub.calls().filter((c) => c.id === created.id).map((c) => c.op);
    expect(ops).toEqual(["create", "diff", "diff", "diff", "update", "read", "delete"]);
  });

  it("passes unknowns through diff as the placeholder", async () => {
    const created = await stub.plugin.create(URN_R, restoreInputs());
    const d = await stub.plugin.diff(created.id, URN_R, created.properties, restoreInputs({ instanceId: UNKNOWN }));
    expect(d.replaces).toEqual(["instanceId"]);
  });

  it("surfaces create and update failures with their partial state", async () => {
    const failed = await stub.plugin.create(URN_S, { __provider: replaceShim, instanceId: "i-1", imageId: "img-1", failCreate: true }).catch((e) => e);
    expect(failed).toBeInstanceOf(PluginCallError);
    expect(failed.message).toMatch(/^stub create failed for SystemDiskReplacement-\d+-\d+$/);
    expect(failed.partial.id).toMatch(/^SystemDiskReplacement-/);
    expect(failed.partial.properties).toMatchObject({ state: "partial", imageId: "img-1", configuredRegion: REGION });
    expect(failed.partial.reasons).toEqual([failed.message]);

    const created = await stub.plugin.create(URN_S, { __provider: replaceShim, instanceId: "i-1", imageId: "img-1" });
    const upd = await stub.plugin
      .update(created.id, URN_S, created.properties, { __provider: replaceShim, instanceId: "i-1", imageId: "img-2", failUpdate: true })
      .catch((e) => e);
    expect(upd).toBeInstanceOf(PluginCallError);
    expect(upd.partial).toMatchObject({ id: created.id, properties: { imageId: "img-2", state: "partial" } });
  });

  it("keeps secrets as secrets across the wire and never logs them", async () => {
    const news = { __provider: replaceShim, instanceId: "i-1", imageId: "img-1", password: secret(PASSWORD) };
    const checked = await stub.plugin.check(URN_S, {}, news);
    expect(isSecret(checked.inputs.password)).toBe(true);
    expect((checked.inputs.password as any).value).toBe(PASSWORD);
    const output = stub.plugin.output();
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(SECRET_KEY);
  });
});
