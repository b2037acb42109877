// StopInstance(s) / StartInstance(s) / DescribeInstances: state machines, options, DryRun, and
// the status / lock / expiry preconditions, driven through the official SDK.
import type { RunningEmulator } from "../../emulator";
import { DEMO_IDS } from "../../emulator";
import { $Ecs, REGION, describeInstance, expectEcsError, sdk, start, waitInstanceStatus } from "./support/harness";

const I = DEMO_IDS.instances;
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;

beforeAll(async () => {
  emu = await start();
  ecs = sdk(emu);
});
afterAll(() => emu.close());

const stop = (instanceId: string, extra: Partial<$Ecs.StopInstanceRequest> = {}) =>
  ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId, ...extra }));
const startInstance = (instanceId: string, dryRun?: boolean) => ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId, dryRun }));

test("Running -> Stopping -> Stopped -> Starting -> Running, with StoppedMode reflected", async () => {
  expect((await describeInstance(ecs, I.web)).stoppedMode).toBe("Not-applicable");
  const r = await stop(I.web, { stoppedMode: "StopCharging" });
  expect(r.body!.requestId).toBeDefined();
  expect(emu.cloud.instances.get(I.web)!.Status).toBe("Stopping");
  const stopped = await waitInstanceStatus(ecs, I.web, "Stopped");
  expect(stopped.stoppedMode).toBe("StopCharging");

  await startInstance(I.web);
  expect(emu.cloud.instances.get(I.web)!.Status).toBe("Starting");
  const running = await waitInstanceStatus(ecs, I.web, "Running");
  expect(running.stoppedMode).toBe("Not-applicable");
  expect(running.startTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
});

test("a read mid-transition sees a consistent intermediate state", async () => {
  const slow = await start({ timeScale: 1 });
  try {
    const client = sdk(slow);
    await client.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: I.web, forceStop: true }));
    const mid = await describeInstance(client, I.web);
    expect(mid.status).toBe("Stopping");
    expect(mid.operationLocks!.lockReason).toEqual([]);
    await expectEcsError(client.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: I.web })), "IncorrectInstanceStatus", 403);
    await expectEcsError(client.startInstance(new $Ecs.StartInstanceRequest({ instanceId: I.web })), "IncorrectInstanceStatus", 403);
  } finally {
    await slow.close();
  }
});

test("StopInstance KeepCharging is the default stopped mode", async () => {
  await stop(I.windows);
  expect((await waitInstanceStatus(ecs, I.windows, "Stopped")).stoppedMode).toBe("KeepCharging");
  await startInstance(I.windows);
  await waitInstanceStatus(ecs, I.windows, "Running");
});

test("DryRun: DryRunOperation 400 when every check passes, and nothing changes", async () => {
  await expectEcsError(stop(I.web, { dryRun: true }), "DryRunOperation", 400);
  expect((await describeInstance(ecs, I.web)).status).toBe("Running");
  await expectEcsError(startInstance(I.batch, true), "DryRunOperation", 400);
  expect((await describeInstance(ecs, I.batch)).status).toBe("Stopped");
  // A dry run still reports a failing precondition rather than DryRunOperation.
  await expectEcsError(stop(I.batch, { dryRun: true }), "IncorrectInstanceStatus", 403);
});

test.each([
  ["stop a Stopped instance", () => stop(I.batch), "IncorrectInstanceStatus", 403],
  ["start a Running instance", () => startInstance(I.web), "IncorrectInstanceStatus", 403],
  ["stop a security-locked instance", () => stop(I.locked), "InstanceLockedForSecurity", 403],
  ["start a security-locked instance", () => startInstance(I.locked), "InstanceLockedForSecurity", 403],
  ["start an expired instance", () => startInstance(I.expired), "InstanceExpiredOrInArrears", 403],
  ["stop an unknown instance", () => stop("i-does-not-exist"), "InvalidInstanceId.NotFound", 404],
  ["start an unknown instance", () => startInstance("i-does-not-exist"), "InvalidInstanceId.NotFound", 404],
])("%s", async (_name, call, code, status) => {
  await expectEcsError(call(), code as string, status as number);
});

test("starting an operation-locked instance fails IncorrectInstanceStatus", async () => {
  const slow = await start({ timeScale: 1 });
  try {
    const client = sdk(slow);
    await client.resetDisk(new $Ecs.ResetDiskRequest({ diskId: DEMO_IDS.disks.batchSystem, snapshotId: DEMO_IDS.snapshots.batchSystem }));
    const locked = await describeInstance(client, I.batch);
    expect(locked.operationLocks!.lockReason!.map((l) => l.lockReason)).toEqual(["resetDisk"]);
    await expectEcsError(client.startInstance(new $Ecs.StartInstanceRequest({ instanceId: I.batch })), "IncorrectInstanceStatus", 403);
  } finally {
    await slow.close();
  }
});

test("a lock added out of band (the console) is honoured", async () => {
  emu.cloud.lockInstance(I.web, "security");
  try {
    await expectEcsError(stop(I.web), "InstanceLockedForSecurity", 403);
    expect((await describeInstance(ecs, I.web)).operationLocks!.lockReason!.map((l) => l.lockReason)).toEqual(["security"]);
  } finally {
    emu.cloud.unlockInstance(I.web);
  }
});

describe("StopInstances / StartInstances", () => {
  test("AllTogether is all-or-nothing", async () => {
    const req = new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: [I.web, I.batch], batchOptimization: "AllTogether" });
    await expectEcsError(ecs.stopInstances(req), "IncorrectInstanceStatus", 403);
    expect((await describeInstance(ecs, I.web)).status).toBe("Running");
  });

  test("SuccessFirst reports per instance and changes the ones that can", async () => {
    const r = await ecs.stopInstances(
      new $Ecs.StopInstancesRequest({ regionId: REGION, instanceId: [I.web, I.batch], batchOptimization: "SuccessFirst", forceStop: true }),
    );
    const byId = Object.fromEntries(r.body!.instanceResponses!.instanceResponse!.map((x) => [x.instanceId, x]));
    expect(byId[I.web]).toMatchObject({ code: "200", previousStatus: "Running", currentStatus: "Stopping" });
    expect(byId[I.batch]).toMatchObject({ code: "IncorrectInstanceStatus", previousStatus: "Stopped", currentStatus: "Stopped" });
    await waitInstanceStatus(ecs, I.web, "Stopped");

    await expectEcsError(
      ecs.startInstances(new $Ecs.StartInstancesRequest({ regionId: REGION, instanceId: [I.web], dryRun: true })),
      "DryRunOperation",
      400,
    );
    const started = await ecs.startInstances(new $Ecs.StartInstancesRequest({ regionId: REGION, instanceId: [I.web, I.batch] }));
    expect(started.body!.instanceResponses!.instanceResponse!.map((x) => x.code)).toEqual(["200", "200"]);
    await waitInstanceStatus(ecs, I.web, "Running");
    await waitInstanceStatus(ecs, I.batch, "Running");
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: I.batch }));
    await waitInstanceStatus(ecs, I.batch, "Stopped");
  });

  test("no InstanceId.N: MissingParameter 400", async () => {
    await expectEcsError(ecs.stopInstances(new $Ecs.StopInstancesRequest({ regionId: REGION })), "MissingParameter", 400);
  });
});

describe("DescribeInstances", () => {
  test("filters by InstanceIds and Status, pages with PageNumber/PageSize/TotalCount", async () => {
    const all = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 2 }));
    expect(all.body!.totalCount).toBe(5);
    expect(all.body!.pageSize).toBe(2);
    expect(all.body!.instances!.instance).toHaveLength(2);
    const page3 = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 2, pageNumber: 3 }));
    expect(page3.body!.instances!.instance).toHaveLength(1);
    const stopped = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, status: "Stopped", pageSize: 100 }));
    expect(stopped.body!.instances!.instance!.map((i) => i.instanceId).sort()).toEqual([I.batch, I.expired, I.locked].sort());
    const other = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: "cn-beijing" }));
    expect(other.body!.totalCount).toBe(0);
  });

  test("renders the fields the provider reads, with the SDK's types", async () => {
    const win = await describeInstance(ecs, I.windows);
    expect(win).toMatchObject({ instanceId: I.windows, OSType: "windows", imageId: DEMO_IDS.images.windows2022, regionId: REGION, zoneId: "cn-hangzhou-h" });
    const expired = await describeInstance(ecs, I.expired);
    expect(expired.instanceChargeType).toBe("PrePaid");
    expect(expired.operationLocks!.lockReason!.map((l) => l.lockReason)).toEqual(["financial"]);
  });
});
