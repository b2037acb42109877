// DescribeInstanceStatus: what status pollers read. It follows the instance through a stop, pages
// with PageNumber/PageSize (1-50), and filters by InstanceId.N and ZoneId.
import type { RunningEmulator, SeedFile } from "../../emulator";
import { $Ecs, REGION, expectEcsError, sdk, start, waitFor } from "./support/harness";

const SEED: SeedFile = {
  Instances: [
    ...Array.from({ length: 60 }, (_, i) => ({ InstanceId: `i-st-${String(i).padStart(2, "0")}`, Status: "Running" })),
    { InstanceId: "i-st-other-zone", ZoneId: "cn-hangzhou-k", Status: "Stopped" },
    { InstanceId: "i-st-other-region", RegionId: "cn-beijing", ZoneId: "cn-beijing-a" },
  ],
};
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;
beforeAll(async () => {
  // A stop takes 1 s here, long enough to see Stopping.
  emu = await start({ seed: SEED, timeScale: 0.1 });
  ecs = sdk(emu);
});
afterAll(() => emu.close());

const status = (req: ConstructorParameters<typeof $Ecs.DescribeInstanceStatusRequest>[0]) =>
  ecs.describeInstanceStatus(new $Ecs.DescribeInstanceStatusRequest({ regionId: REGION, ...req })).then((r) => r.body!);

test("follows an instance through a stop", async () => {
  const only = { instanceId: ["i-st-00"] };
  expect((await status(only)).instanceStatuses!.instanceStatus).toEqual([expect.objectContaining({ instanceId: "i-st-00", status: "Running" })]);
  await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: "i-st-00" }));
  expect((await status(only)).instanceStatuses!.instanceStatus![0].status).toBe("Stopping");
  await waitFor(() => status(only), (b) => b.instanceStatuses!.instanceStatus![0].status === "Stopped");
});

test("pages with PageNumber/PageSize, at most 50 per page, over the region only", async () => {
  const first = await status({ pageSize: 50 });
  const second = await status({ pageSize: 50, pageNumber: 2 });
  expect([first.totalCount, first.pageNumber, first.pageSize, first.instanceStatuses!.instanceStatus!.length]).toEqual([61, 1, 50, 50]);
  expect(second.instanceStatuses!.instanceStatus!.length).toBe(11);
  const ids = [...first.instanceStatuses!.instanceStatus!, ...second.instanceStatuses!.instanceStatus!].map((s) => s.instanceId);
  expect(new Set(ids).size).toBe(61);
  expect(ids).not.toContain("i-st-other-region");
  expect((await status({})).pageSize).toBe(10);
  await expectEcsError(ecs.describeInstanceStatus(new $Ecs.DescribeInstanceStatusRequest({ regionId: REGION, pageSize: 51 })), "InvalidParameter", 400);
  await expectEcsError(ecs.describeInstanceStatus(new $Ecs.DescribeInstanceStatusRequest({})), "MissingParameter", 400);
});

test("filters by zone", async () => {
  const r = await status({ zoneId: "cn-hangzhou-k" });
  expect(r.instanceStatuses!.instanceStatus).toEqual([expect.objectContaining({ instanceId: "i-st-other-zone", status: "Stopped" })]);
});
