// TagResources / UntagResources / ListTagResources as ECS documents them, Tags in the Describe*
// items and their Tag.N filters, seed Tags; every documented limit and error.
import type { RunningEmulator } from "../../emulator";
import { DEMO_IDS } from "../../emulator";
import { diskFromSeed, imageFromSeed } from "../../emulator/model/seed";
import { $Ecs, REGION, describeDisk, describeInstance, expectEcsError, sdk, start } from "./support/harness";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const M = DEMO_IDS.images;
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;

beforeAll(async () => {
  emu = await start();
  ecs = sdk(emu);
  emu.cloud.images.set("m-self-1", imageFromSeed({ ImageId: "m-self-1", ImageOwnerAlias: "self" }));
});
afterAll(() => emu.close());

type KV = [string, string?];
const tagReq = (type: string, ids: string[], tags: KV[]) =>
  new $Ecs.TagResourcesRequest({
    regionId: REGION,
    resourceType: type,
    resourceId: ids,
    tag: tags.map(([key, value]) => new $Ecs.TagResourcesRequestTag({ key, value })),
  });
const tag = (type: string, ids: string[], tags: KV[]) => ecs.tagResources(tagReq(type, ids, tags));
const untag = (type: string, ids: string[], tagKey?: string[], all?: boolean) =>
  ecs.untagResources(new $Ecs.UntagResourcesRequest({ regionId: REGION, resourceType: type, resourceId: ids, tagKey, all }));
const list = (type: string, ids?: string[], tags?: KV[], nextToken?: string) =>
  ecs.listTagResources(
    new $Ecs.ListTagResourcesRequest({
      regionId: REGION,
      resourceType: type,
      resourceId: ids,
      tag: tags?.map(([key, value]) => new $Ecs.ListTagResourcesRequestTag({ key, value })),
      nextToken,
    }),
  );
const tagsOf = (x: { tags?: { tag?: { tagKey?: string; tagValue?: string }[] } } | undefined) =>
  Object.fromEntries((x?.tags?.tag ?? []).map((t) => [t.tagKey, t.tagValue]));
const recordTags = (map: Map<string, { Tags: { TagKey: string; TagValue: string }[] }>, id: string) =>
  Object.fromEntries(map.get(id)!.Tags.map((t) => [t.TagKey, t.TagValue]));

test("TagResources: instance and disk get tags (empty value allowed); Describe* show them; a key is overwritten", async () => {
  await tag("instance", [I.web], [["diskops:op", "restore"], ["owner", ""]]);
  await tag("disk", [D.webData1, D.webData2], [["team", "data"]]);
  expect(tagsOf(await describeInstance(ecs, I.web))).toEqual({ "diskops:op": "restore", owner: "" });
  expect(tagsOf(await describeDisk(ecs, D.webData1))).toEqual({ team: "data" });
  expect(tagsOf(await describeDisk(ecs, D.webData2))).toEqual({ team: "data" });

  await tag("Instance", [I.web], [["diskops:op", "replace"]]); // ResourceType is case-insensitive
  expect(tagsOf(await describeInstance(ecs, I.web))).toEqual({ "diskops:op": "replace", owner: "" });
});

test("TagResources: snapshots and own images; DescribeSnapshots/DescribeImages show the tags", async () => {
  await tag("snapshot", [S.webData1], [["keep", "yes"]]);
  await tag("image", ["m-self-1"], [["built-by", "ci"]]);
  const snaps = await ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([S.webData1]) }));
  expect(tagsOf(snaps.body!.snapshots!.snapshot![0])).toEqual({ keep: "yes" });
  const images = await ecs.describeImages(new $Ecs.DescribeImagesRequest({ regionId: REGION, imageId: "m-self-1" }));
  expect(tagsOf(images.body!.images!.image![0])).toEqual({ "built-by": "ci" });
});

test("Describe* Tag.N filters: key only, key and value, all filters must match", async () => {
  await tag("instance", [I.windows], [["env", "prod"], ["tier", "web"]]);
  await tag("instance", [I.batch], [["env", "dev"]]);
  const ids = async (tags: KV[]) =>
    (
      await ecs.describeInstances(
        new $Ecs.DescribeInstancesRequest({ regionId: REGION, tag: tags.map(([key, value]) => new $Ecs.DescribeInstancesRequestTag({ key, value })) }),
      )
    ).body!.instances!.instance!.map((i) => i.instanceId).sort();
  expect(await ids([["env"]])).toEqual([I.batch, I.windows].sort());
  expect(await ids([["env", "prod"]])).toEqual([I.windows]);
  expect(await ids([["env", "prod"], ["tier", "db"]])).toEqual([]);

  const disks = await ecs.describeDisks(
    new $Ecs.DescribeDisksRequest({ regionId: REGION, tag: [new $Ecs.DescribeDisksRequestTag({ key: "team", value: "data" })] }),
  );
  expect(disks.body!.disks!.disk!.map((d) => d.diskId).sort()).toEqual([D.webData1, D.webData2].sort());

  await tag("snapshot", [S.webData2], [["keep", "no"]]);
  const snaps = await ecs.describeSnapshots(
    new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, tag: [new $Ecs.DescribeSnapshotsRequestTag({ key: "keep", value: "yes" })] }),
  );
  expect(snaps.body!.snapshots!.snapshot!.map((s) => s.snapshotId)).toEqual([S.webData1]);
});

test("UntagResources: by TagKey.N (unknown keys ignored), or All", async () => {
  await tag("disk", [D.batchSystem], [["a", "1"], ["b", "2"], ["c", "3"]]);
  await untag("disk", [D.batchSystem], ["a", "not-there"]);
  expect(recordTags(emu.cloud.disks, D.batchSystem)).toEqual({ b: "2", c: "3" });
  await untag("disk", [D.batchSystem], undefined, true);
  expect(recordTags(emu.cloud.disks, D.batchSystem)).toEqual({});
});

test("ListTagResources: by ResourceId.N, by Tag.N, both; TagResource items", async () => {
  await tag("disk", [D.batchData1], [["role", "db"], ["env", "dev"]]);
  const byId = await list("disk", [D.batchData1]);
  expect(byId.body!.tagResources!.tagResource).toEqual([
    expect.objectContaining({ resourceId: D.batchData1, resourceType: "disk", tagKey: "role", tagValue: "db" }),
    expect.objectContaining({ resourceId: D.batchData1, resourceType: "disk", tagKey: "env", tagValue: "dev" }),
  ]);
  expect(byId.body!.nextToken).toBe("");

  const byTag = await list("disk", undefined, [["role", "db"]]);
  expect(new Set(byTag.body!.tagResources!.tagResource!.map((t) => t.resourceId))).toEqual(new Set([D.batchData1]));
  const both = await list("disk", [D.webData1], [["role", "db"]]);
  expect(both.body!.tagResources!.tagResource).toEqual([]);
  // An unknown id matches nothing (a list, not a lookup).
  expect((await list("disk", ["d-nope"])).body!.tagResources!.tagResource).toEqual([]);
});

test("ListTagResources pages with NextToken (50 per page)", async () => {
  const ids = ["d-page-1", "d-page-2", "d-page-3"];
  for (const id of ids) emu.cloud.disks.set(id, diskFromSeed({ DiskId: id }));
  const twenty: KV[] = Array.from({ length: 20 }, (_, i) => [`k${i}`, `v${i}`]);
  await tag("disk", ids, twenty);

  const first = await list("disk", ids);
  expect(first.body!.tagResources!.tagResource).toHaveLength(50);
  expect(first.body!.nextToken).not.toBe("");
  const second = await list("disk", ids, undefined, first.body!.nextToken);
  expect(second.body!.tagResources!.tagResource).toHaveLength(10);
  expect(second.body!.nextToken).toBe("");
  const seen = [...first.body!.tagResources!.tagResource!, ...second.body!.tagResources!.tagResource!].map((t) => `${t.resourceId}/${t.tagKey}`);
  expect(new Set(seen).size).toBe(60);

  await expectEcsError(list("disk", ids, undefined, "not-a-token"), "InvalidParameter", 400);
  // A paging token is no secret: the call log shows it.
  const paged = emu.calls().filter((c) => c.Action === "ListTagResources" && c.Params.NextToken !== undefined);
  expect(paged.map((c) => c.Params.NextToken)).toEqual([first.body!.nextToken, "not-a-token"]);
});

test("a resource holds at most 20 tags: the 21st is refused and nothing changes", async () => {
  emu.cloud.disks.set("d-full", diskFromSeed({ DiskId: "d-full" }));
  emu.cloud.disks.set("d-roomy", diskFromSeed({ DiskId: "d-roomy" }));
  await tag("disk", ["d-full"], Array.from({ length: 20 }, (_, i): KV => [`k${i}`, "x"]));
  await tag("disk", ["d-full"], [["k0", "overwritten"]]); // overwriting keeps the count at 20
  expect(recordTags(emu.cloud.disks, "d-full").k0).toBe("overwritten");

  await expectEcsError(tag("disk", ["d-roomy", "d-full"], [["k99", "x"]]), "OperationDenied.QuotaExceed", 400);
  expect(Object.keys(recordTags(emu.cloud.disks, "d-full"))).toHaveLength(20);
  expect(recordTags(emu.cloud.disks, "d-roomy")).toEqual({}); // all or nothing
});

const long = (n: number) => "x".repeat(n);

test.each<[string, () => $Ecs.TagResourcesRequest, string, number]>([
  ["unknown resource id (nothing is tagged)", () => tagReq("disk", [D.webData1, "d-nope"], [["t", "1"]]), "InvalidResourceId.NotFound", 404],
  ["resource of another type", () => tagReq("disk", [I.web], [["t", "1"]]), "InvalidResourceId.NotFound", 404],
  ["unknown resource type", () => tagReq("volcano", [D.webData1], [["t", "1"]]), "InvalidResourceType.NotFound", 404],
  ["no resource type", () => tagReq(undefined as unknown as string, [D.webData1], [["t", "1"]]), "MissingParameter.ResourceType", 404],
  ["no tags", () => tagReq("disk", [D.webData1], []), "MissingParameter.Tags", 404],
  ["no resource ids", () => tagReq("disk", [], [["t", "1"]]), "MissingParameter", 400],
  ["51 resource ids", () => tagReq("disk", Array.from({ length: 51 }, (_, i) => `d-${i}`), [["t", "1"]]), "NumberExceed.ResourceIds", 400],
  ["21 tags in one call", () => tagReq("disk", [D.webData1], Array.from({ length: 21 }, (_, i): KV => [`k${i}`, "x"])), "NumberExceed.Tags", 400],
  ["key of 129 characters", () => tagReq("disk", [D.webData1], [[long(129), "x"]]), "InvalidTagKey.Malformed", 400],
  ["empty key", () => tagReq("disk", [D.webData1], [["", "x"]]), "InvalidTagKey.Malformed", 400],
  ["key starting with aliyun", () => tagReq("disk", [D.webData1], [["aliyun-x", "x"]]), "InvalidTagKey.Malformed", 400],
  ["key starting with acs:", () => tagReq("disk", [D.webData1], [["acs:x", "x"]]), "InvalidTagKey.Malformed", 400],
  ["key with http://", () => tagReq("disk", [D.webData1], [["see-http://x", "x"]]), "InvalidTagKey.Malformed", 400],
  ["value of 129 characters", () => tagReq("disk", [D.webData1], [["k", long(129)]]), "InvalidTagValue.Malformed", 400],
  ["value with https://", () => tagReq("disk", [D.webData1], [["k", "https://x"]]), "InvalidTagValue.Malformed", 400],
  ["duplicate key", () => tagReq("disk", [D.webData1], [["k", "1"], ["k", "2"]]), "Duplicate.TagKey", 400],
  ["public image", () => tagReq("image", [M.ubuntu2204], [["k", "1"]]), "InvalidResourceId.NotSupported", 403],
])("TagResources refuses %s", async (_name, req, code, status) => {
  const before = JSON.stringify(emu.cloud.disks.get(D.webData1)!.Tags);
  await expectEcsError(ecs.tagResources(req()), code, status);
  expect(JSON.stringify(emu.cloud.disks.get(D.webData1)!.Tags)).toBe(before);
});

test("key of 128 and value of 128 characters are fine", async () => {
  await tag("disk", [D.windowsSystem], [[long(128), long(128)]]);
  expect(recordTags(emu.cloud.disks, D.windowsSystem)[long(128)]).toBe(long(128));
});

test("UntagResources and ListTagResources errors", async () => {
  await expectEcsError(untag("disk", ["d-nope"], ["k"]), "InvalidResourceId.NotFound", 404);
  await expectEcsError(untag("disk", [D.webData1]), "MissingParameter", 400);
  await expectEcsError(untag("nope", [D.webData1], ["k"]), "InvalidResourceType.NotFound", 404);
  await expectEcsError(list("disk"), "MissingParameter", 400);
  await expectEcsError(list("volcano", [D.webData1]), "InvalidResourceType.NotFound", 404);
  await expectEcsError(list("disk", [D.webData1], [[undefined as unknown as string, "v"]]), "InvalidParameter.TagValue", 400);
});

test("seed items carry Tags (Describe* shape or a bare array); the tag actions see them", async () => {
  const seeded = await start({
    seed: {
      Instances: [{ InstanceId: "i-seeded", Tags: { Tag: [{ TagKey: "env", TagValue: "prod" }] } }],
      Disks: [{ DiskId: "d-seeded", InstanceId: "i-seeded", Tags: [{ TagKey: "role", TagValue: "db" }] }],
      Snapshots: [{ SnapshotId: "s-seeded", SourceDiskId: "d-seeded", Tags: { Tag: [{ TagKey: "keep", TagValue: "" }] } }],
    },
  });
  try {
    const client = sdk(seeded);
    expect(tagsOf(await describeInstance(client, "i-seeded"))).toEqual({ env: "prod" });
    expect(tagsOf(await describeDisk(client, "d-seeded"))).toEqual({ role: "db" });
    const snaps = await client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION }));
    expect(tagsOf(snaps.body!.snapshots!.snapshot![0])).toEqual({ keep: "" });
    const listed = await client.listTagResources(new $Ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: "instance", resourceId: ["i-seeded"] }));
    expect(listed.body!.tagResources!.tagResource!.map((t) => [t.tagKey, t.tagValue])).toEqual([["env", "prod"]]);
    // Tags are not echoed as an unknown field: the record holds them.
    expect(seeded.cloud.instances.get("i-seeded")!.Extra.Tags).toBeUndefined();
  } finally {
    await seeded.close();
  }
});
