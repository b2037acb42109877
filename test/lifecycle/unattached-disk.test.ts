// A disk attached to no instance needs no instance: no power handling at all.
import { DEMO_FLEET } from "../../emulator/demo-fleet";
import { startTestCloud, type TestCloud } from "./emulator-env";

const { provider } = require("../../provider/implementation");

const seed = {
  ...DEMO_FLEET,
  Disks: [...(DEMO_FLEET.Disks as any[]), { DiskId: "d-loose-1", RegionId: "cn-hangzhou", Type: "data", Category: "cloud_essd", Size: 20, Status: "Available" }],
  Snapshots: [
    ...(DEMO_FLEET.Snapshots as any[]),
    { SnapshotId: "s-loose-1", SourceDiskId: "d-loose-1", SourceDiskType: "Data", Status: "accomplished", Progress: "100%", CreationTime: "2025-01-01T00:00:00Z" },
  ],
};

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: seed as any });
});
afterAll(() => cloud.close());

it("rolls back an unattached disk without touching any instance", async () => {
  const disks = [{ diskId: "d-loose-1", snapshotId: "s-loose-1" }];
  const checked = await provider("DiskRestore").check({}, { disks });
  const { outs } = await provider("DiskRestore").create({ ...checked.inputs, __provider: "x" });
  expect(outs).toMatchObject({ instanceId: "", instanceStatusBefore: "NotAttached", instanceStatusAfter: "NotAttached" });
  expect(outs.results).toMatchObject([{ diskId: "d-loose-1", status: "Success" }]);
  const calls = await cloud.calls();
  expect(await cloud.count("ResetDisk", calls)).toBe(1);
  expect(calls.filter((c) => c.Action === "StopInstance" || c.Action === "StartInstance")).toEqual([]);
  expect((await cloud.disk("d-loose-1")).Status).toBe("Available");
});
