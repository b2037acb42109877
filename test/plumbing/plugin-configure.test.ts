// How configuration reaches the logic in a fresh plugin process, and how the shim finds the real
// logic by package name from the plugin's working directory.
import { DiskRestore } from "../../provider";
import { captureProvider } from "../support/capture-provider";
import { startPlugin, startStubPlugin, ProviderPlugin, StubPlugin } from "../support/plugin-harness";

const URN = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/diskops:DiskRestore::r";

describe("configure in a fresh plugin", () => {
  let shim: string;
  const started: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    shim = await captureProvider(() => new DiskRestore("r", { disks: [{ diskId: "d-1", snapshotId: "s-1" }] }));
  });
  afterAll(() => Promise.all(started.map((p) => p.close())));

  it("configures the logic before any of many concurrent first calls runs", async () => {
    const stub: StubPlugin = await startStubPlugin();
    started.push(stub);
    await stub.plugin.configure({ "alicloud:region": "eu-central-1" });
    const news = (n: number) => ({ __provider: shim, disks: [{ diskId: `d-${n}`, snapshotId: "s-1" }] });
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => stub.plugin.check(URN, {}, news(n))));
    const calls = stub.calls();
    expect(calls[0]).toMatchObject({ op: "configure", region: "eu-central-1" });
    expect(calls.filter((c) => c.op === "configure")).toHaveLength(1);
    expect(calls.filter((c) => c.op === "check" && c.configured)).toHaveLength(6);
  });

  it("gives the logic an empty config when the engine sent none", async () => {
    const stub = await startStubPlugin();
    started.push(stub);
    await stub.plugin.check(URN, {}, { __provider: shim, disks: [] });
    expect(stub.calls()[0]).toMatchObject({ op: "configure", keys: [] });
  });

  it("fails a call that outlives callTimeoutMs instead of hanging", async () => {
    const stub = await startStubPlugin();
    started.push(stub);
    const bounded = await ProviderPlugin.start({ env: stub.env, callTimeoutMs: 300 });
    started.push(bounded);
    const err = await bounded.check(URN, {}, { __provider: shim, hangCheck: true }).catch((e) => e);
    expect(err).toMatchObject({ name: "PluginCallError", method: "check", code: 4 /* DEADLINE_EXCEEDED */ });
  });

  it("resolves the real logic by package name from the plugin's working directory", async () => {
    const plugin: ProviderPlugin = await startPlugin({ env: { DISKOPS_LOGIC_MODULE: "" } });
    started.push(plugin);
    await plugin.configure({ "alicloud:region": "cn-hangzhou" });
    const result = await plugin.check(URN, {}, { __provider: shim, disks: [{ diskId: "d-1", snapshotId: "s-1" }] }).catch((e) => e);
    // Whatever the logic decides, the package itself must have been found.
    expect(String(result?.message ?? "")).not.toMatch(/Cannot find module 'pulumi-alicloud-diskops/);
  });
});
