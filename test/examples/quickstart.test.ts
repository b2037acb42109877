// examples/quickstart on the emulator's demo fleet: up (roll d-demo-web-1-data-1 back, new
// system disk for i-demo-web-1), change (later snapshot, newer image), up, destroy.
import { DEMO_IDS } from "../../emulator/demo-fleet";
import type { InstanceView } from "../../examples/demo/cloud-view";
import { DEMO_CHANGE } from "../../examples/demo/run-demo";
import { actions, exampleDriver, MODES, startExampleCloud, type ExampleCloud } from "./support/example-stack";
import type { StackDriver } from "../../examples/demo/drivers";

const WEB = DEMO_IDS.instances.web;
const MUTATING = ["StopInstance", "StartInstance", "ResetDisk", "ResetDisks", "ReplaceSystemDisk"];

let cloud: ExampleCloud;
beforeAll(async () => {
  cloud = await startExampleCloud();
});
afterAll(() => cloud?.close());

const web = async (): Promise<InstanceView> => (await cloud.view([WEB]))[0];
const disk = (v: InstanceView, id: string) => v.disks.find((d) => d.diskId === id)!;
const systemDisk = (v: InstanceView) => v.disks.find((d) => d.type === "system")!;

for (const mode of MODES) {
  mode.describe(`quickstart ${mode.title}`, () => {
    let driver: StackDriver;
    let cleanup = () => undefined as void;
    let firstNewSystemDisk = "";

    beforeAll(async () => {
      await cloud.reset();
      ({ driver, cleanup } = exampleDriver(mode, "quickstart", cloud.url));
      await driver.init();
    });
    afterAll(() => cleanup());

    test("up rolls the data disk back and gives the web server a new 60 GiB system disk, stopping it once", async () => {
      const before = await web();
      await driver.up();
      const after = await web();
      expect(disk(after, DEMO_IDS.disks.webData1).sourceSnapshotId).toBe(DEMO_IDS.snapshots.webData1);
      const sys = systemDisk(after);
      expect(sys.diskId).not.toBe(DEMO_IDS.disks.webSystem);
      expect(sys).toMatchObject({ size: 60, imageId: DEMO_IDS.images.ubuntu2204, status: "In_use" });
      expect(after.disks.map((d) => d.diskId)).not.toContain(DEMO_IDS.disks.webSystem);
      // The other data disk is untouched; the instance is back to Running (powerPolicy restore).
      expect(disk(after, DEMO_IDS.disks.webData2)).toEqual(disk(before, DEMO_IDS.disks.webData2));
      expect(after.status).toBe("Running");
      const done = actions(await cloud.calls(), MUTATING);
      expect(done.filter((a) => a === "StopInstance")).toHaveLength(1);
      expect(done.filter((a) => a === "StartInstance")).toHaveLength(1);
      expect(done[0]).toBe("StopInstance");
      expect(done[done.length - 1]).toBe("StartInstance");
      expect([...done].sort()).toEqual(["ReplaceSystemDisk", "ResetDisk", "StartInstance", "StopInstance"]);
      firstNewSystemDisk = sys.diskId;
    });

    test("a changed snapshot and image re-run both on the next up", async () => {
      const mark = (await cloud.calls()).length;
      await driver.setConfig(DEMO_CHANGE);
      await driver.up();
      const after = await web();
      expect(disk(after, DEMO_IDS.disks.webData1).sourceSnapshotId).toBe(DEMO_CHANGE.dataSnapshotId);
      expect(after.imageId).toBe(DEMO_CHANGE.webImageId);
      const sys = systemDisk(after);
      expect(sys.diskId).not.toBe(firstNewSystemDisk);
      expect(sys).toMatchObject({ size: 60, imageId: DEMO_CHANGE.webImageId });
      expect(after.status).toBe("Running");
      expect(actions(await cloud.calls(), ["ResetDisk", "ReplaceSystemDisk"], mark).sort()).toEqual(["ReplaceSystemDisk", "ResetDisk"]);
    });

    test("destroy only drops the records: no ECS call changes anything", async () => {
      const before = await web();
      const mark = (await cloud.calls()).length;
      await driver.destroy();
      expect(actions(await cloud.calls(), MUTATING, mark)).toEqual([]);
      expect(await web()).toEqual(before);
    });
  });
}
