// read (refresh) and check-on-update called directly against the emulator.
import { checkDiskRestore } from "../../provider/disk-restore/provider";
import { checkSystemDiskReplacement } from "../../provider/system-disk-replacement/provider";
import { diffSystemDiskReplacement } from "../../provider/system-disk-replacement/provider";
import { readDiskRestore } from "../../provider/disk-restore/read";
import { readSystemDiskReplacement } from "../../provider/system-disk-replacement/read";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { PreviewEmulator, callsSince, recordedReplacement, recordedRestore, startPreviewEmulator } from "./support";

const { instances: I, disks: D, snapshots: S, images: M } = DEMO_IDS;
let emu: PreviewEmulator;
beforeAll(async () => {
  emu = await startPreviewEmulator();
});
afterAll(async () => {
  await emu?.close();
});

const restored = recordedRestore({
  disks: [{ diskId: D.webData1, snapshotId: S.webData1 }],
  results: [{ diskId: D.webData1, snapshotId: S.webData1, status: "Success" }],
  plan: ["stop ...", "reset ...", "start ..."],
});
const replaced = recordedReplacement({ requestId: "R2", keyPairName: "kp-demo" });

describe("read", () => {
  test("unchanged resources read back exactly as recorded, without new inputs", async () => {
    expect(await readDiskRestore("r1", restored)).toEqual({ id: "r1", props: restored });
    expect(await readSystemDiskReplacement("r2", replaced)).toEqual({ id: "r2", props: replaced });
  });

  test("a DiskRestore whose disk or instance is gone disappears", async () => {
    expect((await readDiskRestore("r1", { ...restored, disks: [{ diskId: "d-gone", snapshotId: "s-x" }] })).id).toBe("");
    expect((await readDiskRestore("r1", { ...restored, instanceId: "i-gone" })).id).toBe("");
  });

  test("a SystemDiskReplacement whose instance is gone disappears", async () => {
    expect((await readSystemDiskReplacement("r2", { ...replaced, instanceId: "i-gone" })).id).toBe("");
  });

  test("image and system disk changed outside Pulumi: drift in outputs and inputs; the next diff re-runs", async () => {
    const record = { ...replaced, imageId: M.ubuntu2404, systemDiskId: "d-created-by-pulumi" };
    const r = await readSystemDiskReplacement("r2", record);
    expect(r.id).toBe("r2");
    expect(r.props).toMatchObject({ imageId: M.ubuntu2204, systemDiskId: D.batchSystem });
    expect(r.props!.drift).toEqual([`system disk is ${D.batchSystem} now, not d-created-by-pulumi created by this resource (changed outside Pulumi)`]);
    expect(r.inputs).toEqual({ instanceId: I.batch, imageId: M.ubuntu2204, regionId: "cn-hangzhou", keyPairName: "kp-demo", drift: r.props!.drift });
    // The program still says ubuntu 24.04: the next up re-runs the replacement.
    expect(await diffSystemDiskReplacement("r2", r.props!, { instanceId: I.batch, imageId: M.ubuntu2404, regionId: "cn-hangzhou", keyPairName: "kp-demo" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    // A second refresh with nothing new changes nothing.
    expect(await readSystemDiskReplacement("r2", r.props!)).toEqual({ id: "r2", props: r.props });
  });
});

describe("check on an existing resource", () => {
  test("unchanged program: no preflight, no ECS call, plan says so", async () => {
    const before = (await emu.calls()).length;
    const r = await checkDiskRestore({ disks: restored.disks }, { disks: restored.disks });
    expect(r).toEqual({ inputs: { disks: restored.disks, plan: ["no change: nothing to do in ECS"] }, failures: [] });
    expect(await callsSince(emu, before)).toEqual([]);
  });

  test("settings only: recorded, no preflight", async () => {
    const before = (await emu.calls()).length;
    const r = await checkSystemDiskReplacement(
      { instanceId: I.web, imageId: M.ubuntu2204 },
      { instanceId: I.web, imageId: M.ubuntu2204, powerPolicy: "leave-stopped", timeouts: { replace: "1h" } },
    );
    expect(r.failures).toEqual([]);
    expect(r.inputs.plan).toEqual(["record new settings (powerPolicy, timeouts): no ECS call"]);
    expect(await callsSince(emu, before)).toEqual([]);
  });

  test("a re-run is preflighted and says why it runs", async () => {
    const r = await checkDiskRestore({ disks: [{ diskId: D.webData1, snapshotId: "s-old" }] }, { disks: restored.disks, powerPolicy: "start" });
    expect(r.failures).toEqual([]);
    expect(r.inputs.plan).toEqual([
      "run again: disks changed",
      `stop ${I.web} (Running now; powerPolicy start: it will be started afterwards)`,
      `reset ${D.webData1} -> snapshot ${S.webData1} (ResetDisk)`,
      `start ${I.web}`,
    ]);
  });

  test("a replacement says so", async () => {
    const r = await checkSystemDiskReplacement({ instanceId: I.batch, imageId: M.ubuntu2204 }, { instanceId: I.web, imageId: M.ubuntu2204 });
    expect((r.inputs.plan as string[])[0]).toBe(
      "replace: instanceId changed, so a new SystemDiskReplacement runs; the old one is only removed from the stack (nothing is undone in ECS)",
    );
  });
});

test("read and check made no mutating ECS call", async () => {
  expect(await emu.mutatingCalls()).toEqual([]);
});
