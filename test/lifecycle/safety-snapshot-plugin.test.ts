// Safety snapshots (issue 12) through the real dynamic-provider plugin process over gRPC, against
// the emulator: the happy path of both resources, every documented precondition caught at preview
// and (preflight off) failing before anything is destroyed, a crash right after CreateSnapshot
// whose re-run in a fresh process reuses the snapshot, and the undo routes, proven with the
// emulator's disk content versions. Needs `npm run build` (pretest does it).
import { DiskRestore, SystemDiskReplacement } from "../../provider";
import { DEMO_FLEET, DEMO_IDS, type RunningEmulator } from "../../emulator";
import { createEcsApi } from "../../provider/ecs/client";
import { resolveEcsSettings } from "../../provider/ecs/settings";
import { captureProvider } from "../support/capture-provider";
import { PluginCallError, ProviderPlugin, startPlugin, UNKNOWN } from "../support/plugin-harness";
import { waitFor } from "../support/wait-for";
import { startProviderEmulator } from "./emulator-env";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const M = DEMO_IDS.images;
const URN_R = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/diskops:DiskRestore::restore";
const URN_S = "urn:pulumi:test::proj::pulumi-nodejs:dynamic/diskops:SystemDiskReplacement::replace";
const web1 = { diskId: D.webData1, snapshotId: S.webData1 };
const web2 = { diskId: D.webData2, snapshotId: S.webData2 };

jest.setTimeout(60_000);

let restoreShim: string;
let replaceShim: string;
let emu: RunningEmulator;
let plugin: ProviderPlugin;

beforeAll(async () => {
  restoreShim = await captureProvider(() => new DiskRestore("restore", { disks: [web1], safetySnapshot: { enabled: true } }));
  replaceShim = await captureProvider(() => new SystemDiskReplacement("replace", { instanceId: I.web, imageId: M.ubuntu2404 }));
});

afterEach(async () => {
  await plugin?.close();
  await emu?.close();
});

async function boot(options: { timeScale?: number; seed?: any } = {}): Promise<void> {
  emu = await startProviderEmulator({ timeScale: options.timeScale ?? 0.01, seed: options.seed ?? DEMO_FLEET });
  plugin = await startPlugin();
  await plugin.configure({});
}

// --- emulator views -------------------------------------------------------------------------
async function admin(path: string, method = "GET"): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${emu.port}${path}`, { method });
  if (!res.ok) throw new Error(`emulator admin ${path}: HTTP ${res.status}`);
  return res.json();
}
const state = () => admin("/__emulator/state");
const diskOf = async (id: string) => (await state()).Disks.find((d: any) => d.DiskId === id);
const snapshotOf = async (id: string) => (await state()).Snapshots.find((s: any) => s.SnapshotId === id);
const instanceOf = async (id: string) => (await state()).Instances.find((i: any) => i.InstanceId === id);
/** Simulates the guest writing to the disk; returns the new content version. */
const write = async (diskId: string): Promise<string> => (await admin(`/__emulator/disks/${diskId}/write`, "POST")).ContentVersion;
const ok = (action: string) => emu.calls().filter((c) => c.Action === action && c.HttpStatus === 200);
/** Real calls of an action (preflight's DryRun calls change nothing and are left out). */
const attempts = (action: string) => emu.calls().filter((c) => c.Action === action && c.Params?.DryRun !== "true");
const tagsOf = (s: any) => Object.fromEntries((s.Tags?.Tag ?? []).map((t: any) => [t.TagKey, t.TagValue]));
/** A plugin result's properties, untyped. */
const P = (r: { properties: unknown }): any => r.properties;
const firstIndex = (action: string) => emu.calls().findIndex((c) => c.Action === action && c.HttpStatus === 200);

async function checked(urn: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const result = await plugin.check(urn, olds, news);
  expect(result.failures).toEqual([]);
  return result.inputs;
}

async function createFails(urn: string, inputs: Record<string, unknown>): Promise<PluginCallError> {
  try {
    await plugin.create(urn, inputs);
  } catch (err) {
    expect(err).toBeInstanceOf(PluginCallError);
    return err as PluginCallError;
  }
  throw new Error("expected create to fail");
}

describe("happy path", () => {
  beforeEach(() => boot());

  it("DiskRestore: the plan lists the snapshots; each disk is snapshotted (finished) after the stop and before its reset; delete keeps them", async () => {
    const before: Record<string, string> = { [D.webData1]: await write(D.webData1), [D.webData2]: await write(D.webData2) };
    const news = { __provider: restoreShim, disks: [web1, web2], safetySnapshot: { enabled: true, retentionDays: 7, name: "before-restore" } };
    const inputs = await checked(URN_R, {}, news);
    expect(inputs.plan).toEqual(expect.arrayContaining([
      expect.stringMatching(/^take a safety snapshot of disk d-demo-web-1-data-1 \(CreateSnapshot, name "before-restore", released by ECS after 7 day\(s\); billed\)/),
      expect.stringMatching(/^take a safety snapshot of disk d-demo-web-1-data-2 /),
    ]));

    const created = await plugin.create(URN_R, inputs);
    const taken = P(created).safetySnapshots as { diskId: string; snapshotId: string }[];
    expect(taken.map((s) => s.diskId)).toEqual([D.webData1, D.webData2]);
    expect(P(created).results).toMatchObject([{ status: "Success" }, { status: "Success" }]);
    expect(P(created).instanceStatusAfter).toBe("Running");
    for (const { diskId, snapshotId } of taken) {
      const snap = await snapshotOf(snapshotId);
      // Holds what the reset overwrote; finished; named, retained and tagged as asked.
      expect(snap).toMatchObject({ SourceDiskId: diskId, Status: "accomplished", SnapshotName: "before-restore", RetentionDays: 7, ContentVersion: before[diskId] });
      expect(tagsOf(snap)).toMatchObject({ "diskops:resource": created.id, "diskops:kind": "DiskRestore", "diskops:state": "recorded", "diskops:run": expect.any(String) });
      expect((await diskOf(diskId)).ContentVersion).not.toBe(before[diskId]);
    }
    // Order: stop, snapshots, resets, start; the snapshot request ids are in requestIds.
    expect(firstIndex("StopInstance")).toBeLessThan(firstIndex("CreateSnapshot"));
    expect(firstIndex("CreateSnapshot")).toBeLessThan(firstIndex("ResetDisk"));
    expect(ok("CreateSnapshot")).toHaveLength(2);
    expect(P(created).requestIds).toEqual(expect.arrayContaining(ok("CreateSnapshot").map((c) => c.RequestId)));

    await plugin.delete(created.id, URN_R, created.properties);
    for (const { snapshotId } of taken) expect(await snapshotOf(snapshotId)).toBeDefined();
    expect(attempts("DeleteSnapshot")).toHaveLength(0);
  });

  it("DiskRestore: a second resource with the very same inputs takes fresh snapshots (a recorded run's are never reused)", async () => {
    const news = { __provider: restoreShim, disks: [web1], safetySnapshot: { enabled: true } };
    const first = await plugin.create(URN_R, await checked(URN_R, {}, news));
    await write(D.webData1);
    const second = await plugin.create(URN_R, await checked(URN_R, {}, news));
    expect(P(second).safetySnapshots[0].snapshotId).not.toBe(P(first).safetySnapshots[0].snapshotId);
    expect(ok("CreateSnapshot")).toHaveLength(2);
  });

  it("SystemDiskReplacement: the current system disk is snapshotted after the stop, before ReplaceSystemDisk", async () => {
    const before = await write(D.webSystem);
    const news = { __provider: replaceShim, instanceId: I.web, imageId: M.ubuntu2404, safetySnapshot: { enabled: true } };
    const inputs = await checked(URN_S, {}, news);
    expect(inputs.plan).toEqual(expect.arrayContaining([expect.stringMatching(/^take a safety snapshot of system disk d-demo-web-1-system \(CreateSnapshot, kept until you delete it; billed\) and wait until it is accomplished \(timeouts\.snapshot 1h\)$/)]));
    const created = await plugin.create(URN_S, inputs);
    expect(P(created).previousSystemDiskId).toBe(D.webSystem);
    expect(P(created).safetySnapshots).toEqual([{ diskId: D.webSystem, snapshotId: expect.stringMatching(/^s-/) }]);
    const snap = await snapshotOf(P(created).safetySnapshots[0].snapshotId);
    expect(snap).toMatchObject({ SourceDiskId: D.webSystem, SourceDiskType: "System", Status: "accomplished", ContentVersion: before });
    expect(firstIndex("StopInstance")).toBeLessThan(firstIndex("CreateSnapshot"));
    expect(firstIndex("CreateSnapshot")).toBeLessThan(firstIndex("ReplaceSystemDisk"));
    expect(await diskOf(D.webSystem)).toBeUndefined(); // released: the snapshot is all that is left
    expect((await instanceOf(I.web)).Status).toBe("Running");
  });

  it("switching safetySnapshot on for a finished run only records the setting", async () => {
    const news = { __provider: restoreShim, disks: [web1] };
    const created = await plugin.create(URN_R, await checked(URN_R, {}, news));
    expect(P(created).safetySnapshots).toEqual([]);
    const on = await checked(URN_R, created.properties, { ...news, safetySnapshot: { enabled: true } });
    expect(on.plan).toEqual(["record new settings (safetySnapshot): no ECS call"]);
    expect(await plugin.diff(created.id, URN_R, created.properties, on)).toMatchObject({ changes: "some", replaces: [] });
    const mutating = emu.calls().length;
    const updated = await plugin.update(created.id, URN_R, created.properties, on);
    expect(P(updated).safetySnapshot).toEqual({ enabled: true });
    expect(emu.calls().slice(mutating).filter((c) => !c.Action.startsWith("Describe"))).toEqual([]);
  });
});

describe("inputs", () => {
  beforeEach(() => boot());

  it("each bad value names the property", async () => {
    const bad = async (safetySnapshot: unknown) =>
      (await plugin.check(URN_R, {}, { __provider: restoreShim, disks: [web1], safetySnapshot })).failures;
    expect(await bad({ enabled: "yes" })).toEqual([{ property: "safetySnapshot.enabled", reason: 'must be true or false, got the string "yes"' }]);
    expect(await bad({})).toEqual([{ property: "safetySnapshot.enabled", reason: expect.stringContaining("is required") }]);
    expect(await bad({ enabled: true, retentionDays: 0 })).toEqual([{ property: "safetySnapshot.retentionDays", reason: expect.stringContaining("whole number of days from 1 to 65536") }]);
    expect(await bad({ enabled: true, retentionDays: 65537 })).toEqual([{ property: "safetySnapshot.retentionDays", reason: expect.any(String) }]);
    expect(await bad({ enabled: true, retentionDays: 1.5 })).toEqual([{ property: "safetySnapshot.retentionDays", reason: expect.any(String) }]);
    expect(await bad({ enabled: true, name: "autosnap" })).toEqual([{ property: "safetySnapshot.name", reason: expect.stringContaining('must not start with "auto"') }]);
    expect(await bad({ enabled: true, name: "http://x" })).toEqual([{ property: "safetySnapshot.name", reason: expect.stringContaining("http://") }]);
    expect(await bad({ enabled: true, name: "1st" })).toEqual([{ property: "safetySnapshot.name", reason: expect.stringContaining("must start with a letter") }]);
    expect(await bad({ enabled: true, name: "x" })).toEqual([{ property: "safetySnapshot.name", reason: expect.stringContaining("2 to 128") }]);
    expect(await bad({ enabled: true, name: "a".repeat(129) })).toEqual([{ property: "safetySnapshot.name", reason: expect.stringContaining("2 to 128") }]);
    expect(await bad({ enabled: true, keep: 3 })).toEqual([{ property: "safetySnapshot.keep", reason: expect.stringContaining("unknown property") }]);
    expect(await bad(true)).toEqual([{ property: "safetySnapshot", reason: expect.stringContaining("must be an object") }]);
    expect(await bad({ enabled: true, retentionDays: 65536, name: "pre-undo:v1.2_x" })).toEqual([]);
    const unknown = await plugin.check(URN_R, {}, { __provider: restoreShim, disks: [web1], safetySnapshot: { enabled: UNKNOWN } });
    expect(unknown.failures).toEqual([]);
    expect(unknown.inputs.plan).toContain("take a safety snapshot of disk d-demo-web-1-data-1 first if safetySnapshot turns out enabled (known at apply)");
    const timeouts = (await plugin.check(URN_S, {}, { __provider: replaceShim, instanceId: I.web, imageId: M.ubuntu2404, timeouts: { snapshot: "soon" } })).failures;
    expect(timeouts).toEqual([{ property: "timeouts.snapshot", reason: expect.stringContaining("must be a positive number of seconds") }]);
  });
});

describe("preconditions: caught at preview, and with preflight off failing before anything is destroyed", () => {
  const seedWithFullDisk = () => ({
    ...DEMO_FLEET,
    Snapshots: [
      ...(DEMO_FLEET.Snapshots as any[]),
      ...Array.from({ length: 255 }, (_, n) => ({ SnapshotId: `s-full-${n}`, SourceDiskId: D.webData2, Status: "accomplished", SnapshotType: "user" })),
    ],
  });

  it("a disk whose previous snapshot is still being created", async () => {
    await boot({ timeScale: 1 }); // the demo's progressing snapshot stays progressing
    const news = { __provider: restoreShim, disks: [{ diskId: D.batchData1, snapshotId: S.batchData1 }], safetySnapshot: { enabled: true } };
    const { failures } = await plugin.check(URN_R, {}, news);
    expect(failures).toEqual([{ property: "safetySnapshot", reason: expect.stringMatching(/disk d-demo-batch-1-data-1 has a snapshot still being created \(s-demo-batch-1-data-1-progressing .*\(IncorrectDiskStatus\.CreatingSnapshot\)\. Remedy: /) }]);

    const err = await createFails(URN_R, { ...news, preflight: false });
    expect(err.message).toContain("IncorrectDiskStatus.CreatingSnapshot");
    expect(err.message).toContain("Nothing was overwritten");
    expect(P(err.partial!).results).toMatchObject([{ status: "NotStarted" }]);
    expect(attempts("ResetDisk")).toHaveLength(0);
  });

  it("a disk at 256 manual snapshots", async () => {
    await boot({ seed: seedWithFullDisk() }); // the demo's own snapshot of data-2 makes 256
    const news = { __provider: restoreShim, disks: [web1, web2], safetySnapshot: { enabled: true } };
    const { failures } = await plugin.check(URN_R, {}, news);
    expect(failures).toEqual([{ property: "safetySnapshot", reason: expect.stringMatching(/disk d-demo-web-1-data-2 already has 25[67] manual snapshots.*\(QuotaExceed\.Snapshot\)/) }]);

    const err = await createFails(URN_R, { ...news, preflight: false });
    expect(err.message).toContain("QuotaExceed.Snapshot");
    // data-1 was snapshotted, data-2 refused: no disk was reset, power restored.
    expect(attempts("ResetDisk")).toHaveLength(0);
    expect(P(err.partial!).safetySnapshots).toEqual([{ diskId: D.webData1, snapshotId: expect.stringMatching(/^s-/) }]);
    expect(err.message).toContain("The instance i-demo-web-1 was started again (it was Running before).");
    expect((await instanceOf(I.web)).Status).toBe("Running");
  });

  it("a security-locked instance", async () => {
    await boot();
    const news = { __provider: replaceShim, instanceId: I.locked, imageId: M.ubuntu2404, safetySnapshot: { enabled: true } };
    const { failures } = await plugin.check(URN_S, {}, news);
    expect(failures).toEqual([{ property: "instanceId", reason: expect.stringContaining("(InstanceLockedForSecurity)") }]);

    const err = await createFails(URN_S, { ...news, preflight: false });
    expect(err.message).toMatch(/CreateSnapshot failed: InstanceLockedForSecurity/);
    expect(attempts("ReplaceSystemDisk")).toHaveLength(0);
    expect(await diskOf(D.lockedSystem)).toBeDefined();
  });

  it("an instance in transition passes preview (the apply waits for a stable state); ECS refusing the snapshot at apply stops the run", async () => {
    await boot();
    // A re-run after a run killed mid-stop finds the instance Stopping: the snapshot is taken once
    // the window holds it Stopped, so preview must not call that a failure.
    emu.cloud.setInstanceStatus(I.web, "Starting");
    const news = { __provider: replaceShim, instanceId: I.web, imageId: M.ubuntu2404, safetySnapshot: { enabled: true } };
    const { failures } = await plugin.check(URN_S, {}, news);
    expect(failures.filter((f: { property: string }) => f.property === "safetySnapshot")).toEqual([]);

    // At apply the window holds the instance Stopped; ECS refusing the snapshot anyway still stops the run.
    emu.cloud.setInstanceStatus(I.web, "Running");
    await fetch(`http://127.0.0.1:${emu.port}/__emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Action: "CreateSnapshot", Code: "IncorrectInstanceStatus", HttpStatus: 400, Count: 1 }),
    });
    const err = await createFails(URN_S, { ...news, preflight: false });
    expect(err.message).toContain("IncorrectInstanceStatus");
    expect(attempts("ReplaceSystemDisk")).toHaveLength(0);
    expect(await diskOf(D.webSystem)).toBeDefined();
    expect((await instanceOf(I.web)).Status).toBe("Running");
  });
});

describe("a crash right after CreateSnapshot", () => {
  /** Starts create, kills the plugin as soon as ECS has accepted a CreateSnapshot. */
  async function crashAfterCreateSnapshot(urn: string, inputs: Record<string, unknown>): Promise<string> {
    const pending = plugin.create(urn, inputs).catch((err) => err);
    await waitFor(() => ok("CreateSnapshot").length, (n) => n > 0, 20_000, "CreateSnapshot accepted");
    await plugin.kill();
    expect(await pending).toBeInstanceOf(Error);
    const snapshotId = (await state()).Snapshots.find((s: any) => tagsOf(s)["diskops:run"])?.SnapshotId;
    expect(snapshotId).toMatch(/^s-/);
    plugin = await startPlugin(); // a fresh process: nothing survives but the cloud
    await plugin.configure({});
    return snapshotId;
  }

  it("DiskRestore: the re-run reuses the snapshot still in progress, and resets once", async () => {
    await boot({ timeScale: 0.2 }); // snapshot 6 s: still progressing when the re-run starts
    const before = await write(D.webData1);
    const news = { __provider: restoreShim, disks: [web1], safetySnapshot: { enabled: true } };
    const snapshotId = await crashAfterCreateSnapshot(URN_R, await checked(URN_R, {}, news));
    expect(attempts("ResetDisk")).toHaveLength(0);
    expect((await snapshotOf(snapshotId)).Status).toBe("progressing");

    const rerun = await plugin.create(URN_R, await checked(URN_R, {}, news));
    expect(P(rerun).safetySnapshots).toEqual([{ diskId: D.webData1, snapshotId }]);
    expect(ok("CreateSnapshot")).toHaveLength(1);
    expect(ok("ResetDisk")).toHaveLength(1);
    expect(await snapshotOf(snapshotId)).toMatchObject({ Status: "accomplished", ContentVersion: before });
    expect(tagsOf(await snapshotOf(snapshotId))).toMatchObject({ "diskops:state": "recorded", "diskops:resource": rerun.id });
  });

  it("SystemDiskReplacement: the re-run reuses the finished snapshot and replaces once", async () => {
    await boot({ timeScale: 0.1 });
    const news = { __provider: replaceShim, instanceId: I.web, imageId: M.ubuntu2404, safetySnapshot: { enabled: true } };
    const snapshotId = await crashAfterCreateSnapshot(URN_S, await checked(URN_S, {}, news));
    await waitFor(async () => (await snapshotOf(snapshotId)).Status, (s) => s === "accomplished", 20_000, "snapshot accomplished");

    const rerun = await plugin.create(URN_S, await checked(URN_S, {}, news));
    expect(P(rerun).safetySnapshots).toEqual([{ diskId: D.webSystem, snapshotId }]);
    expect(ok("CreateSnapshot")).toHaveLength(1);
    expect(ok("ReplaceSystemDisk")).toHaveLength(1);
  });

  it("SystemDiskReplacement: a crash after ReplaceSystemDisk; the re-run replaces nothing again and still records the old disk's snapshot", async () => {
    await boot({ timeScale: 0.05 });
    const before = await write(D.webSystem);
    const news = { __provider: replaceShim, instanceId: I.web, imageId: M.ubuntu2404, safetySnapshot: { enabled: true } };
    const pending = plugin.create(URN_S, await checked(URN_S, {}, news)).catch((err) => err);
    await waitFor(() => ok("ReplaceSystemDisk").length, (n) => n > 0, 20_000, "ReplaceSystemDisk accepted");
    await plugin.kill();
    expect(await pending).toBeInstanceOf(Error);
    plugin = await startPlugin();
    await plugin.configure({});

    const rerun = await plugin.create(URN_S, await checked(URN_S, {}, news));
    const [{ diskId, snapshotId }] = P(rerun).safetySnapshots;
    expect(diskId).toBe(D.webSystem);
    expect(P(rerun).previousSystemDiskId).toBe(D.webSystem);
    expect((await snapshotOf(snapshotId)).ContentVersion).toBe(before);
    expect(ok("CreateSnapshot")).toHaveLength(1);
    // The re-run sends ReplaceSystemDisk again only while the old disk is still attached (the
    // intent record names it), and then with the same ClientToken; once the new disk is attached it
    // sends nothing. Either way: one replacement.
    const tokens = ok("ReplaceSystemDisk").map((c) => c.Params.ClientToken);
    expect(tokens.length).toBeGreaterThanOrEqual(1);
    expect(tokens.length).toBeLessThanOrEqual(2);
    expect(new Set(tokens)).toEqual(new Set([P(rerun).clientToken]));
    // One new disk in the whole cloud.
    const fresh = (await state()).Disks.filter((d: any) => !(Object.values(D) as string[]).includes(d.DiskId));
    expect(fresh.map((d: any) => d.DiskId)).toEqual([P(rerun).systemDiskId]);
  });
});

describe("undo", () => {
  beforeEach(() => boot());

  it("data disk: a DiskRestore back to the safety snapshot brings the overwritten content back", async () => {
    const mine = await write(D.webData1);
    const restored = await plugin.create(URN_R, await checked(URN_R, {}, { __provider: restoreShim, disks: [web1], safetySnapshot: { enabled: true } }));
    expect((await diskOf(D.webData1)).ContentVersion).not.toBe(mine);

    const [{ snapshotId }] = P(restored).safetySnapshots;
    await plugin.create(URN_R, await checked(URN_R, {}, { __provider: restoreShim, disks: [{ diskId: D.webData1, snapshotId }] }));
    expect((await diskOf(D.webData1)).ContentVersion).toBe(mine);
  });

  it("system disk: CreateImage from the safety snapshot, then a SystemDiskReplacement to that image", async () => {
    const mine = await write(D.webSystem);
    const news = { __provider: replaceShim, instanceId: I.web, imageId: M.ubuntu2404, safetySnapshot: { enabled: true } };
    const replaced = await plugin.create(URN_S, await checked(URN_S, {}, news));
    const [{ snapshotId }] = P(replaced).safetySnapshots;
    expect((await diskOf(P(replaced).systemDiskId)).ContentVersion).not.toBe(mine);

    // ResetDisk is no route back: the snapshot belongs to a disk that no longer exists.
    const api = createEcsApi(resolveEcsSettings({ env: process.env }));
    const refused = await api.resetDisk(P(replaced).systemDiskId, snapshotId).catch((e) => e);
    expect(refused.code).toBe("InvalidParameter.Mismatch");

    const { imageId } = await api.createImage({ regionId: "cn-hangzhou", snapshotId, imageName: "undo-web-1" });
    await waitFor(async () => (await state()).Images.find((m: any) => m.ImageId === imageId)?.Status, (s) => s === "Available", 20_000, "image Available");
    const undone = await plugin.update(replaced.id, URN_S, replaced.properties, await checked(URN_S, replaced.properties, { ...news, imageId }));
    expect((await diskOf(P(undone).systemDiskId)).ContentVersion).toBe(mine);
    expect((await instanceOf(I.web)).Status).toBe("Running");
    // The undo was guarded too: the disk it released has its own snapshot.
    expect(P(undone).safetySnapshots).toEqual([{ diskId: P(replaced).systemDiskId, snapshotId: expect.stringMatching(/^s-/) }]);
  });
});
