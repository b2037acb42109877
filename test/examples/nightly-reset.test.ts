// examples/nightly-reset on the emulator: two staging instances (one running, one stopped) get
// their data disks reset with one ResetDisks call each; the same `resetDate` changes nothing, a
// new one re-runs every rollback; destroy touches nothing.
import { DEMO_IDS } from "../../emulator/demo-fleet";
import type { StackDriver } from "../../examples/demo/drivers";
import { actions, exampleDriver, MODES, startExampleCloud, type ExampleCloud } from "./support/example-stack";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const MUTATING = ["StopInstance", "StartInstance", "ResetDisk", "ResetDisks", "ReplaceSystemDisk"];
const FLEET: { instanceId: string; disks: { diskId: string; snapshotId: string }[] }[] = [
  { instanceId: I.web, disks: [{ diskId: D.webData1, snapshotId: S.webData1 }, { diskId: D.webData2, snapshotId: S.webData2 }] },
  { instanceId: I.batch, disks: [{ diskId: D.batchData1, snapshotId: S.batchData1 }] },
];
const RESET_DISKS = FLEET.flatMap((m) => m.disks);

let cloud: ExampleCloud;
beforeAll(async () => {
  cloud = await startExampleCloud();
});
afterAll(() => cloud?.close());

async function sourceSnapshots(): Promise<Record<string, string>> {
  const view = await cloud.view([I.web, I.batch]);
  return Object.fromEntries(view.flatMap((i) => i.disks).map((d) => [d.diskId, d.sourceSnapshotId]));
}
const power = async () => Object.fromEntries((await cloud.view([I.web, I.batch])).map((i) => [i.instanceId, i.status]));

for (const mode of MODES) {
  mode.describe(`nightly-reset ${mode.title}`, () => {
    let driver: StackDriver;
    let cleanup = () => undefined as void;
    const up = async (resetDate: string) => {
      const mark = (await cloud.calls()).length;
      await driver.setConfig({ resetDate });
      await driver.up();
      return actions(await cloud.calls(), MUTATING, mark);
    };

    beforeAll(async () => {
      await cloud.reset();
      // The batch host's data disk has a snapshot in progress (ECS refuses resets until it is done).
      await cloud.waitForSnapshot(S.batchData1Progressing);
      ({ driver, cleanup } = exampleDriver(mode, "nightly-reset", cloud.url, { fleet: JSON.stringify(FLEET) }));
      await driver.init();
    });
    afterAll(() => cleanup());

    test("the first up resets every listed disk, one ResetDisks per instance, and leaves both running", async () => {
      expect(await power()).toEqual({ [I.web]: "Running", [I.batch]: "Stopped" });
      const done = await up("2026-11-21");
      expect(done.filter((a) => a === "ResetDisks")).toHaveLength(2);
      expect(done).not.toContain("ResetDisk");
      const sources = await sourceSnapshots();
      for (const d of RESET_DISKS) expect(sources[d.diskId]).toBe(d.snapshotId);
      // Disks not listed are untouched.
      expect(sources[D.batchShared]).toBe("");
      expect(await power()).toEqual({ [I.web]: "Running", [I.batch]: "Running" });
    });

    test("an up with the same resetDate changes nothing", async () => {
      expect(await up("2026-11-21")).toEqual([]);
    });

    test("a new resetDate re-runs every rollback", async () => {
      const done = await up("2026-11-22");
      expect(done.filter((a) => a === "ResetDisks")).toHaveLength(2);
      // Both were running, and are running again (stopped for the reset, powerPolicy start).
      expect(done.filter((a) => a === "StopInstance")).toHaveLength(2);
      expect(done.filter((a) => a === "StartInstance")).toHaveLength(2);
      expect(await power()).toEqual({ [I.web]: "Running", [I.batch]: "Running" });
    });

    test("destroy touches nothing in ECS", async () => {
      const mark = (await cloud.calls()).length;
      await driver.destroy();
      expect(actions(await cloud.calls(), MUTATING, mark)).toEqual([]);
    });
  });
}
