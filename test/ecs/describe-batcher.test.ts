// DescribeBatcher: concurrent lookups share Describe calls (<= 100 ids each), per region.
import type { DiskInfo, InstanceInfo } from "../../provider/ecs/api";
import { createEcsApi } from "../../provider/ecs/client";
import { batcherFor, DescribeBatcher } from "../../provider/ecs/describe-batcher";
import { resolveEcsSettings } from "../../provider/ecs/settings";
import { waitUntil } from "../../provider/ecs/waiter";
import { FakeEcsServer, startFakeEcs } from "../support/fake-ecs-server";

function diskInfo(diskId: string, regionId: string): DiskInfo {
  return { diskId, regionId, type: "data", status: "In_use", size: 20, category: "cloud_essd", encrypted: false, operationLocks: [] };
}

/** An api that records every describe call; only ids starting with "d-"/"i-" exist. */
function recordingApi() {
  const diskCalls: { regionId: string; ids: string[] }[] = [];
  const instanceCalls: { regionId: string; ids: string[] }[] = [];
  let failNext: Error | undefined;
  return {
    diskCalls,
    instanceCalls,
    failNextWith: (err: Error) => (failNext = err),
    describeDisks: async (regionId: string, filter: { diskIds?: string[] }) => {
      diskCalls.push({ regionId, ids: filter.diskIds ?? [] });
      if (failNext) {
        const err = failNext;
        failNext = undefined;
        throw err;
      }
      return (filter.diskIds ?? []).filter((id) => id.startsWith("d-")).map((id) => diskInfo(id, regionId));
    },
    describeInstances: async (regionId: string, ids: string[]) => {
      instanceCalls.push({ regionId, ids });
      return ids.map((instanceId) => ({ instanceId, regionId, status: "Running", imageId: "img", osType: "linux", operationLocks: [] }) as InstanceInfo);
    },
  };
}

test("N concurrent getDisk calls in one region -> one DescribeDisks call", async () => {
  const api = recordingApi();
  const batcher = new DescribeBatcher(api, { windowMs: 5 });
  const ids = Array.from({ length: 30 }, (_, i) => `d-${i}`);
  const disks = await Promise.all(ids.map((id) => batcher.getDisk("cn-hangzhou", id)));
  expect(disks.map((d) => d?.diskId)).toEqual(ids);
  expect(api.diskCalls).toHaveLength(1);
  expect(api.diskCalls[0].ids).toHaveLength(30);
});

test("more than 100 ids -> several calls of at most 100", async () => {
  const api = recordingApi();
  const batcher = new DescribeBatcher(api, { windowMs: 5 });
  const ids = Array.from({ length: 150 }, (_, i) => `d-${i}`);
  await Promise.all(ids.map((id) => batcher.getDisk("cn-hangzhou", id)));
  expect(api.diskCalls.map((c) => c.ids.length)).toEqual([100, 50]);
});

test("regions are batched apart; the same id asked twice is sent once; unknown ids give undefined", async () => {
  const api = recordingApi();
  const batcher = new DescribeBatcher(api, { windowMs: 5 });
  const [a, b, c, missing, inst] = await Promise.all([
    batcher.getDisk("cn-hangzhou", "d-1"),
    batcher.getDisk("cn-hangzhou", "d-1"),
    batcher.getDisk("eu-central-1", "d-2"),
    batcher.getDisk("cn-hangzhou", "x-404"),
    batcher.getInstance("cn-hangzhou", "i-1"),
  ]);
  expect([a?.diskId, b?.diskId, c?.regionId, missing, inst?.instanceId]).toEqual(["d-1", "d-1", "eu-central-1", undefined, "i-1"]);
  // One call per region (in whichever order the batches close).
  expect(api.diskCalls).toHaveLength(2);
  expect(api.diskCalls).toEqual(
    expect.arrayContaining([
      { regionId: "cn-hangzhou", ids: ["d-1", "x-404"] },
      { regionId: "eu-central-1", ids: ["d-2"] },
    ]),
  );
  expect(api.instanceCalls).toEqual([{ regionId: "cn-hangzhou", ids: ["i-1"] }]);
});

test("a failed call rejects every waiter of that batch, and the next batch starts fresh", async () => {
  const api = recordingApi();
  const batcher = new DescribeBatcher(api, { windowMs: 1 });
  api.failNextWith(new Error("boom"));
  const results = await Promise.allSettled([batcher.getDisk("r", "d-1"), batcher.getDisk("r", "d-2")]);
  expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  await expect(batcher.getDisk("r", "d-1")).resolves.toMatchObject({ diskId: "d-1" });
});

test("batcherFor gives one batcher per EcsApi instance", () => {
  const api1 = recordingApi();
  const api2 = recordingApi();
  expect(batcherFor(api1)).toBe(batcherFor(api1));
  expect(batcherFor(api1)).not.toBe(batcherFor(api2));
});

describe("over HTTP: concurrent waiters share DescribeDisks calls", () => {
  let fake: FakeEcsServer;
  beforeAll(async () => {
    fake = await startFakeEcs();
  });
  afterAll(() => fake.close());

  test("10 disks resetting in parallel, each with its own waiter, cost one call per poll round", async () => {
    // Each disk reports ReIniting on its first two sightings, then In_use.
    const sightings = new Map<string, number>();
    fake.on("DescribeDisks", (call) => {
      const ids: string[] = JSON.parse(call.query.DiskIds);
      const disks = ids.map((id) => {
        const n = (sightings.get(id) ?? 0) + 1;
        sightings.set(id, n);
        return { DiskId: id, RegionId: "cn-hangzhou", Type: "data", Status: n > 2 ? "In_use" : "ReIniting", Size: 20, Category: "cloud_essd" };
      });
      return { body: { TotalCount: disks.length, Disks: { Disk: disks } } };
    });
    const settings = resolveEcsSettings({
      env: { ALIBABA_CLOUD_ECS_ENDPOINT: fake.url, ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIx", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s-123456" },
      regionId: "cn-hangzhou",
    });
    const batcher = new DescribeBatcher(createEcsApi(settings, { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } }), { windowMs: 10 });
    const ids = Array.from({ length: 10 }, (_, i) => `d-${i}`);
    const final = await Promise.all(
      ids.map((id) =>
        waitUntil({
          description: `disk ${id} to be In_use`,
          poll: () => batcher.getDisk("cn-hangzhou", id),
          acceptors: (d) => (d?.status === "In_use" ? { state: "success" } : { state: "retry" }),
          describe: (d) => d?.status ?? "absent",
          // Same fixed delay for all waiters so their polls land in the same window.
          minDelayMs: 30,
          maxDelayMs: 30,
          timeoutMs: 10000,
        }),
      ),
    );
    expect(final.map((d) => d?.status)).toEqual(ids.map(() => "In_use"));
    const calls = fake.callsOf("DescribeDisks");
    expect(calls.length).toBeLessThanOrEqual(6); // 3 poll rounds; one call per waiter per round would be 30
    expect(calls[0].query.DiskIds && JSON.parse(calls[0].query.DiskIds)).toEqual(ids);
  });
});
