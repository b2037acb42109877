// examples/golden-image-waves on the emulator: wave 1 (the running web server) is replaced, and
// only after it has finished (started again) does wave 2 (the stopped batch host) begin; a new
// golden image rolls out again in the same order; destroy touches nothing.
import { DEMO_IDS } from "../../emulator/demo-fleet";
import type { InstanceView } from "../../examples/demo/cloud-view";
import type { StackDriver } from "../../examples/demo/drivers";
import { actions, exampleDriver, MODES, startExampleCloud, type ExampleCloud } from "./support/example-stack";

const I = DEMO_IDS.instances;
const M = DEMO_IDS.images;
const MUTATING = ["StopInstance", "StartInstance", "ResetDisk", "ResetDisks", "ReplaceSystemDisk"];
// Wave 1 runs: stop, replace, start. Wave 2 (stopped, powerPolicy restore): replace only.
const WAVE_ORDER = ["StopInstance", "ReplaceSystemDisk", "StartInstance", "ReplaceSystemDisk"];

let cloud: ExampleCloud;
beforeAll(async () => {
  cloud = await startExampleCloud();
});
afterAll(() => cloud?.close());

const fleet = async (): Promise<Record<string, InstanceView>> =>
  Object.fromEntries((await cloud.view([I.web, I.batch])).map((i) => [i.instanceId, i]));
const systemDiskId = (v: InstanceView) => v.disks.find((d) => d.type === "system")!.diskId;

for (const mode of MODES) {
  mode.describe(`golden-image-waves ${mode.title}`, () => {
    let driver: StackDriver;
    let cleanup = () => undefined as void;
    let previous: Record<string, InstanceView>;

    /** Runs an up with the image; checks the wave order in the call log and the fleet after. */
    async function rollOut(imageId: string) {
      previous = await fleet();
      const mark = (await cloud.calls()).length;
      await driver.setConfig({ goldenImageId: imageId });
      await driver.up();
      expect(actions(await cloud.calls(), MUTATING, mark)).toEqual(WAVE_ORDER);
      const now = await fleet();
      for (const id of [I.web, I.batch]) {
        expect(now[id].imageId).toBe(imageId);
        expect(systemDiskId(now[id])).not.toBe(systemDiskId(previous[id]));
        expect(now[id].disks.find((d) => d.type === "system")).toMatchObject({ imageId, status: "In_use" });
        // Power state back to what it was.
        expect(now[id].status).toBe(previous[id].status);
      }
      return now;
    }

    beforeAll(async () => {
      await cloud.reset();
      ({ driver, cleanup } = exampleDriver(mode, "golden-image-waves", cloud.url, { waves: JSON.stringify([[I.web], [I.batch]]) }));
      await driver.init();
    });
    afterAll(() => cleanup());

    test("up replaces wave 1, then wave 2 only after wave 1 has finished", async () => {
      const now = await rollOut(M.ubuntu2404);
      expect(now[I.web].status).toBe("Running");
      expect(now[I.batch].status).toBe("Stopped");
    });

    test("a new golden image rolls out again, wave by wave", async () => {
      await rollOut(M.ubuntu2204);
    });

    test("destroy touches nothing in ECS", async () => {
      const before = await fleet();
      const mark = (await cloud.calls()).length;
      await driver.destroy();
      expect(actions(await cloud.calls(), MUTATING, mark)).toEqual([]);
      expect(await fleet()).toEqual(before);
    });
  });
}
