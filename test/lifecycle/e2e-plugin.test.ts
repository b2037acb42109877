// End to end through the real dynamic-provider plugin process over gRPC: the real shim captured
// from a real registration loads the built logic (dist/, via the package's self link) and talks
// to the emulator. Needs `npm run build` (pretest does it).
import { DiskRestore, SystemDiskReplacement } from "../../provider";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { captureProvider } from "../support/capture-provider";
import { PluginCallError, ProviderPlugin, startPlugin } from "../support/plugin-harness";
import { startTestCloud, type TestCloud } from "./emulator-env";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const M = DEMO_IDS.images;
const URN_R = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/diskops:DiskRestore::restore";
const URN_S = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/diskops:SystemDiskReplacement::replace";
const PASSWORD = "E2e-Pa55word!x";

let cloud: TestCloud;
let plugin: ProviderPlugin;
let restoreShim: string;
let replaceShim: string;

beforeAll(async () => {
  restoreShim = await captureProvider(() => new DiskRestore("restore", { disks: [{ diskId: D.webData1, snapshotId: S.webData1 }] }));
  replaceShim = await captureProvider(() => new SystemDiskReplacement("replace", { instanceId: I.web, imageId: M.ubuntu2404 }));
  cloud = await startTestCloud();
  plugin = await startPlugin({ env: { ALIBABA_CLOUD_REGION_ID: undefined } });
  await plugin.configure({ "alicloud:region": "cn-hangzhou" });
}, 60_000);

afterAll(async () => {
  await plugin?.close();
  await cloud?.close();
});

async function checked(urn: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const result = await plugin.check(urn, olds, news);
  expect(result.failures).toEqual([]);
  return result.inputs;
}

it("DiskRestore: create, no-op diff, update (rerun), settings-only update, delete", async () => {
  const news = { __provider: restoreShim, disks: [{ diskId: D.webData1, snapshotId: S.webData1 }], triggers: { n: 1 } };
  const created = await plugin.create(URN_R, await checked(URN_R, {}, news));
  expect(created.properties).toMatchObject({ instanceId: I.web, instanceStatusAfter: "Running", __provider: restoreShim });
  expect(created.properties.results).toMatchObject([{ diskId: D.webData1, status: "Success" }]);

  const same = await checked(URN_R, created.properties, news);
  expect(await plugin.diff(created.id, URN_R, created.properties, same)).toMatchObject({ changes: "none", replaces: [] });

  const rerunNews = await checked(URN_R, created.properties, { ...news, triggers: { n: 2 } });
  expect(await plugin.diff(created.id, URN_R, created.properties, rerunNews)).toMatchObject({ changes: "some", replaces: [] });
  const updated = await plugin.update(created.id, URN_R, created.properties, rerunNews);
  expect(updated.properties.triggers).toEqual({ n: 2 });
  expect(await cloud.count("ResetDisk")).toBe(2);

  const mutating = (await cloud.mutatingCalls()).length;
  const settingsNews = await checked(URN_R, updated.properties, { ...news, triggers: { n: 2 }, timeouts: { stop: "2m" } });
  const settled = await plugin.update(created.id, URN_R, updated.properties, settingsNews);
  expect(settled.properties.timeouts).toEqual({ stop: "2m" });
  await plugin.delete(created.id, URN_R, settled.properties);
  expect((await cloud.mutatingCalls()).length).toBe(mutating);
  expect((await cloud.instance(I.web)).Status).toBe("Running");
});

it("SystemDiskReplacement: create, no-op diff, update (rerun), delete", async () => {
  const news = { __provider: replaceShim, instanceId: I.web, imageId: M.ubuntu2404, password: PASSWORD };
  const created = await plugin.create(URN_S, await checked(URN_S, {}, news));
  expect(created.properties).toMatchObject({ instanceId: I.web, imageId: M.ubuntu2404, instanceStatusAfter: "Running" });
  const firstDisk = created.properties.systemDiskId;
  expect(firstDisk).toMatch(/^d-/);

  const same = await checked(URN_S, created.properties, news);
  expect(await plugin.diff(created.id, URN_S, created.properties, same)).toMatchObject({ changes: "none", replaces: [] });

  const rerunNews = await checked(URN_S, created.properties, { ...news, imageId: M.ubuntu2204 });
  expect(await plugin.diff(created.id, URN_S, created.properties, rerunNews)).toMatchObject({ changes: "some", replaces: [] });
  const updated = await plugin.update(created.id, URN_S, created.properties, rerunNews);
  expect(updated.properties.previousSystemDiskId).toBe(firstDisk);
  expect(updated.properties.systemDiskId).not.toBe(firstDisk);

  const mutating = (await cloud.mutatingCalls()).length;
  await plugin.delete(created.id, URN_S, updated.properties);
  expect((await cloud.mutatingCalls()).length).toBe(mutating);
  expect(plugin.output()).not.toContain(PASSWORD);
  expect(JSON.stringify(await cloud.calls())).not.toContain(PASSWORD);
});

it("a failed create reaches the engine as partial state (ErrorResourceInitFailed) it can update from", async () => {
  const news = { __provider: restoreShim, disks: [{ diskId: D.webData2, snapshotId: S.webData2 }] };
  let error: unknown;
  try {
    await plugin.create(URN_R, await checked(URN_R, {}, { ...news, timeouts: { restore: 0.02 } }));
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(PluginCallError);
  const partial = (error as PluginCallError).partial!;
  expect(partial.id).toEqual(expect.any(String));
  expect(partial.properties).toMatchObject({ incomplete: true, __provider: restoreShim, instanceId: I.web });
  expect(partial.reasons.join("\n")).toContain("was started again (it was Running before)");

  const finished = await plugin.update(partial.id, URN_R, partial.properties, await checked(URN_R, partial.properties, news));
  expect(finished.properties.results).toMatchObject([{ diskId: D.webData2, status: "Success" }]);
  expect(finished.properties.incomplete).toBeUndefined();
});
