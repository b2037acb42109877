// DryRun=true on the Describe actions that take it answers DryRunOperation (400) once the request
// is valid, as ECS does, instead of data; an invalid request gets its own error first.
import type { RunningEmulator } from "../../emulator";
import { $Ecs, REGION, expectEcsError, sdk, start } from "./support/harness";

let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;
beforeAll(async () => {
  emu = await start({ timeScale: 0 });
  ecs = sdk(emu);
});
afterAll(() => emu.close());

test.each([
  ["DescribeInstances", () => ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, dryRun: true }))],
  ["DescribeDisks", () => ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, dryRun: true }))],
  ["DescribeSnapshots", () => ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, dryRun: true }))],
  ["DescribeImages", () => ecs.describeImages(new $Ecs.DescribeImagesRequest({ regionId: REGION, dryRun: true }))],
] as const)("%s with DryRun=true answers DryRunOperation", async (_, call) => {
  await expectEcsError(call(), "DryRunOperation", 400);
});

test("the request is checked before the dry run answers", async () => {
  await expectEcsError(ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ dryRun: true })), "MissingParameter", 400);
  await expectEcsError(ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: "not json", dryRun: true })), "InvalidParameter", 400);
});

test("DryRun=false returns data", async () => {
  const r = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, dryRun: false }));
  expect(r.body!.totalCount).toBe(5);
});
