// createEcsApi against the project's ECS emulator: real signatures, real state machines, injected faults.
import { createEcsApi } from "../../provider/ecs/client";
import type { EcsApi, InstanceInfo } from "../../provider/ecs/api";
import { batcherFor } from "../../provider/ecs/describe-batcher";
import { EcsError } from "../../provider/ecs/errors";
import { resolveEcsSettings } from "../../provider/ecs/settings";
import { waitUntil } from "../../provider/ecs/waiter";
import { DEMO_ACCESS_KEY, DEMO_IDS, DEMO_REGION, RunningEmulator, startEmulator } from "../../emulator";

const { web, batch, locked } = DEMO_IDS.instances;
let emulator: RunningEmulator;
let api: EcsApi;

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 0.01 });
  const settings = resolveEcsSettings({
    env: {
      ALIBABA_CLOUD_ECS_ENDPOINT: emulator.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.AccessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.AccessKeySecret,
    },
    config: { "alicloud:region": DEMO_REGION },
  });
  api = createEcsApi(settings, { retry: { retries: 4, minDelayMs: 1, maxDelayMs: 5 } });
});
afterAll(() => emulator.close());

async function admin(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${emulator.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

function waitForStatus(instanceId: string, status: InstanceInfo["status"]) {
  return waitUntil({
    description: `instance ${instanceId} to be ${status}`,
    poll: () => batcherFor(api).getInstance(DEMO_REGION, instanceId),
    acceptors: (i) => (i?.status === status ? { state: "success" } : i ? { state: "retry" } : { state: "failure", reason: "instance not found" }),
    describe: (i) => i?.status ?? "absent",
    minDelayMs: 5,
    maxDelayMs: 20,
    timeoutMs: 20000,
  });
}

test("describe the demo fleet: instances, disks of an instance, snapshots, images, regions", async () => {
  const instances = await api.describeInstances(DEMO_REGION, [web, batch, "i-does-not-exist"]);
  expect(instances.map((i) => [i.instanceId, i.status]).sort()).toEqual([
    [batch, "Stopped"],
    [web, "Running"],
  ]);
  const disks = await api.describeDisks(DEMO_REGION, { instanceId: web });
  expect(disks.map((d) => d.diskId).sort()).toEqual([DEMO_IDS.disks.webData1, DEMO_IDS.disks.webData2, DEMO_IDS.disks.webSystem].sort());
  expect(disks.find((d) => d.type === "system")?.diskId).toBe(DEMO_IDS.disks.webSystem);
  const [snapshot] = await api.describeSnapshots(DEMO_REGION, [DEMO_IDS.snapshots.webData1]);
  expect(snapshot).toMatchObject({ sourceDiskId: DEMO_IDS.disks.webData1, status: "accomplished" });
  await expect(api.describeImage(DEMO_REGION, DEMO_IDS.images.ubuntu2204)).resolves.toMatchObject({ osType: "linux" });
  await expect(api.describeImage(DEMO_REGION, "m-no-such-image")).resolves.toBeUndefined();
  expect(await api.describeRegions()).toContain(DEMO_REGION);
  const [lockedInfo] = await api.describeInstances(DEMO_REGION, [locked]);
  expect(lockedInfo.operationLocks).toEqual(["security"]);
});

test("stop / start round trip, waiting on state through the shared batcher", async () => {
  await api.stopInstance(web, { stoppedMode: "KeepCharging" });
  await expect(waitForStatus(web, "Stopped")).resolves.toMatchObject({ status: "Stopped" });
  await api.startInstance(web);
  await expect(waitForStatus(web, "Running")).resolves.toMatchObject({ status: "Running" });
});

test("injected throttling and a dropped connection are retried", async () => {
  await admin("/__emulator/faults", { Action: "DescribeRegions", Code: "Throttling.User", HttpStatus: 400, Count: 1 });
  await admin("/__emulator/faults", { Action: "DescribeRegions", Mode: "reset", Count: 1 });
  expect(await api.describeRegions()).toContain(DEMO_REGION);
  const calls: { Action: string; Code?: string }[] = await admin("/__emulator/calls");
  const throttled = calls.filter((c) => c.Action === "DescribeRegions" && c.Code === "Throttling.User");
  expect(throttled.length).toBe(1);
  expect(calls.filter((c) => c.Action === "DescribeRegions").length).toBeGreaterThanOrEqual(2);
});

test("a terminal error from the emulator carries code, status, request id and the catalogue remedy", async () => {
  const err: EcsError = await api.startInstance(locked).catch((e) => e);
  expect(err).toBeInstanceOf(EcsError);
  expect(err).toMatchObject({ action: "StartInstance", code: "InstanceLockedForSecurity", httpStatus: 403, attempts: 1 });
  expect(err.requestId).toBeTruthy();
  expect(err.message).toContain(`(HTTP 403, request ${err.requestId})`);
  expect(err.remedy).toMatch(/security/);
});

test("the call log never shows the access key secret", async () => {
  const log = JSON.stringify(await admin("/__emulator/calls"));
  expect(log).not.toContain(DEMO_ACCESS_KEY.AccessKeySecret);
});
