// NextToken/MaxResults paging on DescribeInstances, DescribeDisks and DescribeSnapshots (the
// paging the SDK documents, and the one the aliyun CLI's --pager follows), over more than 1,000
// items: every item exactly once, NextToken "" on the last page. PageNumber/PageSize keeps
// working and its answers carry NextToken too.
import type { RunningEmulator, SeedFile } from "../../emulator";
import { $Ecs, REGION, expectEcsError, legacyCall, sdk, start } from "./support/harness";

const N = 1_050;
const pad = (i: number) => String(i).padStart(4, "0");
const SEED: SeedFile = {
  Instances: Array.from({ length: N }, (_, i) => ({ InstanceId: `i-page-${pad(i)}`, Status: "Running" })),
  Disks: Array.from({ length: N }, (_, i) => ({ DiskId: `d-page-${pad(i)}`, InstanceId: `i-page-${pad(i)}`, Type: "system" })),
  Snapshots: Array.from({ length: N }, (_, i) => ({ SnapshotId: `s-page-${pad(i)}`, SourceDiskId: `d-page-${pad(i)}` })),
};

let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;
beforeAll(async () => {
  emu = await start({ timeScale: 0, seed: SEED });
  ecs = sdk(emu);
});
afterAll(() => emu.close());

interface Listing {
  ids: string[];
  pages: number;
  pageSizes: number[];
}

/** Follows NextToken from the first page to the one that answers "". */
async function follow(fetch: (nextToken?: string) => Promise<{ ids: string[]; nextToken?: string }>): Promise<Listing> {
  const out: Listing = { ids: [], pages: 0, pageSizes: [] };
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.ids.push(...page.ids);
    out.pages += 1;
    out.pageSizes.push(page.ids.length);
    token = page.nextToken;
    expect(typeof token).toBe("string");
  } while (token !== "" && out.pages < 100);
  return out;
}

const all = (prefix: string) => Array.from({ length: N }, (_, i) => `${prefix}-page-${pad(i)}`);

test("DescribeInstances: MaxResults 100 lists all 1,050 instances in 11 pages", async () => {
  const listing = await follow(async (nextToken) => {
    const r = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, maxResults: 100, nextToken }));
    return { ids: r.body!.instances!.instance!.map((i) => i.instanceId!), nextToken: r.body!.nextToken };
  });
  expect(listing.pages).toBe(11);
  expect(listing.ids).toEqual(all("i"));
});

test("DescribeDisks: MaxResults up to 500 (the documented maximum; larger values are lowered to it)", async () => {
  const listing = await follow(async (nextToken) => {
    const r = await ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, maxResults: 900, nextToken }));
    return { ids: r.body!.disks!.disk!.map((d) => d.diskId!), nextToken: r.body!.nextToken };
  });
  expect(listing.pageSizes).toEqual([500, 500, 50]);
  expect(listing.ids).toEqual(all("d"));
});

test("DescribeSnapshots: odd-sized pages through the legacy client (MaxResults 21)", async () => {
  const listing = await follow(async (nextToken) => {
    const r = await legacyCall(emu, "DescribeSnapshots", { RegionId: REGION, MaxResults: "21", ...(nextToken ? { NextToken: nextToken } : {}) });
    const body = r.body as { Snapshots: { Snapshot: { SnapshotId: string }[] }; NextToken: string };
    return { ids: body.Snapshots.Snapshot.map((s) => s.SnapshotId), nextToken: body.NextToken };
  });
  expect(listing.pages).toBe(50);
  expect(new Set(listing.ids).size).toBe(N);
});

test("DescribeInstances lowers MaxResults under 10 to 10, as documented", async () => {
  const r = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, maxResults: 2 }));
  expect(r.body!.instances!.instance).toHaveLength(10);
  expect(r.body!.pageSize).toBe(10);
});

test("PageNumber/PageSize still pages, and its answer carries the NextToken of the following page", async () => {
  const last = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageNumber: 11, pageSize: 100 }));
  expect(last.body!.instances!.instance!.map((i) => i.instanceId)).toEqual(all("i").slice(1000));
  expect([last.body!.pageNumber, last.body!.pageSize, last.body!.totalCount, last.body!.nextToken]).toEqual([11, 100, N, ""]);

  // The aliyun CLI's pager: PageSize on the first call, then the NextToken it was given.
  const first = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 50 }));
  expect(first.body!.nextToken).not.toBe("");
  const second = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, pageSize: 50, nextToken: first.body!.nextToken }));
  expect(second.body!.instances!.instance!.map((i) => i.instanceId)).toEqual(all("i").slice(50, 100));
});

test("filters apply before paging", async () => {
  const ids = JSON.stringify(all("i").slice(0, 25));
  const listing = await follow(async (nextToken) => {
    const r = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: ids, maxResults: 10, nextToken }));
    return { ids: r.body!.instances!.instance!.map((i) => i.instanceId!), nextToken: r.body!.nextToken };
  });
  expect(listing.pageSizes).toEqual([10, 10, 5]);
});

test("a NextToken the action did not issue is refused", async () => {
  await expectEcsError(ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, nextToken: "bogus" })), "InvalidParameter", 400);
  const disks = await ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, maxResults: 10 }));
  await expectEcsError(
    ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, nextToken: disks.body!.nextToken })),
    "InvalidParameter",
    400,
  );
});
