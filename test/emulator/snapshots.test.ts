// CreateSnapshot / DeleteSnapshot: progress over time, ClientToken idempotency, instant access,
// every documented precondition and error, content versions kept by a snapshot and restored by a reset.
import type { RunningEmulator } from "../../emulator";
import { DEMO_IDS } from "../../emulator";
import { diskFromSeed, instanceFromSeed, snapshotFromSeed } from "../../emulator/model/seed";
import { $Ecs, REGION, admin, expectEcsError, sdk, start, waitFor } from "./support/harness";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
// 0.05: a snapshot takes 1.5 s, long enough to observe it progressing, short enough for a test.
const TIME_SCALE = 0.05;
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;

beforeAll(async () => {
  // Polling every 5 ms would exceed DescribeSnapshots' 2000 calls a minute; flow control is tested elsewhere.
  emu = await start({ timeScale: TIME_SCALE, rateLimits: { DescribeSnapshots: { limit: 1_000_000, windowSeconds: 60 } } });
  ecs = sdk(emu);
  const add = (id: string, extra: Record<string, unknown> = {}) => emu.cloud.disks.set(id, diskFromSeed({ DiskId: id, ...extra }));
  add("d-never-attached");
  add("d-detached", { DetachedTime: "2025-01-01T00:00:00Z" });
  add("d-creating", { Status: "Creating", InstanceId: I.web });
  emu.cloud.instances.set("i-stopping", instanceFromSeed({ InstanceId: "i-stopping", Status: "Stopping" }));
  add("d-of-stopping", { InstanceId: "i-stopping" });
  add("d-full", { InstanceId: I.web });
  for (let n = 0; n < 256; n++) {
    emu.cloud.snapshots.set(`s-full-${n}`, snapshotFromSeed({ SnapshotId: `s-full-${n}`, SourceDiskId: "d-full" }));
  }
  add("d-almost-full", { InstanceId: I.web });
  for (let n = 0; n < 255; n++) {
    emu.cloud.snapshots.set(`s-almost-${n}`, snapshotFromSeed({ SnapshotId: `s-almost-${n}`, SourceDiskId: "d-almost-full" }));
  }
  emu.cloud.snapshots.set("s-auto-1", snapshotFromSeed({ SnapshotId: "s-auto-1", SourceDiskId: "d-almost-full", SnapshotType: "auto" }));
});
afterAll(() => emu.close());

type CreateReq = Partial<Omit<$Ecs.CreateSnapshotRequest, "tag">> & { tags?: [string, string][] };
const create = ({ tags, ...r }: CreateReq) =>
  ecs.createSnapshot(new $Ecs.CreateSnapshotRequest({ ...r, tag: tags?.map(([key, value]) => new $Ecs.CreateSnapshotRequestTag({ key, value })) }));
const describeSnapshot = async (snapshotId: string) =>
  (await ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([snapshotId]) }))).body!.snapshots!
    .snapshot![0];
const snapshotsOf = (diskId: string) => [...emu.cloud.snapshots.values()].filter((s) => s.SourceDiskId === diskId);
const state = async () => (await admin(emu, "GET", "state")).body as unknown as {
  Disks: { DiskId: string; ContentVersion: string }[];
  Snapshots: { SnapshotId: string; ContentVersion: string }[];
};
const diskVersion = async (diskId: string) => (await state()).Disks.find((d) => d.DiskId === diskId)?.ContentVersion;
const snapshotVersion = async (snapshotId: string) => (await state()).Snapshots.find((s) => s.SnapshotId === snapshotId)?.ContentVersion;
const writeDisk = async (diskId: string) => {
  const r = await admin(emu, "POST", `disks/${diskId}/write`);
  expect(r.status).toBe(200);
  return r.body.ContentVersion;
};
const accomplished = (snapshotId: string) => waitFor(() => describeSnapshot(snapshotId), (s) => s?.status === "accomplished", 10_000, `${snapshotId} accomplished`);

test("CreateSnapshot: progressing 0%..99%, then accomplished 100%; DescribeSnapshots returns what was recorded", async () => {
  const r = await create({
    diskId: D.webData1,
    snapshotName: "diskops-safety-1",
    description: "before rollback",
    retentionDays: 7,
    tags: [["diskops:resource", "urn:restore"]],
  });
  const id = r.body!.snapshotId!;
  expect(id).toMatch(/^s-/);
  const during = await describeSnapshot(id);
  expect(during).toMatchObject({ status: "progressing", available: false, sourceDiskId: D.webData1, sourceDiskType: "Data", sourceDiskSize: "100" });
  expect(Number(during.progress!.replace("%", ""))).toBeLessThan(100);

  const done = await accomplished(id);
  expect(done).toMatchObject({
    progress: "100%",
    available: true,
    snapshotName: "diskops-safety-1",
    description: "before rollback",
    retentionDays: 7,
    snapshotType: "user",
    usage: "none",
    sourceDiskId: D.webData1,
  });
  expect(Date.parse(done.creationTime!)).toBeGreaterThan(Date.now() - 60_000);
  expect(done.tags!.tag).toEqual([expect.objectContaining({ tagKey: "diskops:resource", tagValue: "urn:restore" })]);
});

test("a system disk snapshot is SourceDiskType System; a Stopped instance's disk can be snapshotted", async () => {
  const r = await create({ diskId: D.batchSystem });
  expect((await describeSnapshot(r.body!.snapshotId!)).sourceDiskType).toBe("System");
  await accomplished(r.body!.snapshotId!);
});

test("while a snapshot of the disk is progressing, another is refused with IncorrectDiskStatus.CreatingSnapshot", async () => {
  const first = await create({ diskId: D.webData2 });
  const count = snapshotsOf(D.webData2).length;
  await expectEcsError(create({ diskId: D.webData2 }), "IncorrectDiskStatus.CreatingSnapshot", 403);
  expect(snapshotsOf(D.webData2)).toHaveLength(count);
  await accomplished(first.body!.snapshotId!);
  await accomplished((await create({ diskId: D.webData2 })).body!.snapshotId!); // fine once it is done
});

test("ClientToken: same token and parameters give the same snapshot (even while progressing); other parameters are a mismatch", async () => {
  const req = { diskId: D.windowsSystem, snapshotName: "tokened", clientToken: "tok-snap-1", tags: [["a", "b"]] as [string, string][] };
  const first = await create(req);
  const count = snapshotsOf(D.windowsSystem).length;
  const again = await create(req);
  expect(again.body!.snapshotId).toBe(first.body!.snapshotId);
  expect(again.body!.requestId).not.toBe(first.body!.requestId);
  expect(snapshotsOf(D.windowsSystem)).toHaveLength(count);

  await expectEcsError(create({ ...req, snapshotName: "other" }), "IdempotentParameterMismatch", 403);
  await expectEcsError(create({ ...req, tags: [["a", "c"]] }), "IdempotentParameterMismatch", 403);
  await accomplished(first.body!.snapshotId!);
  expect((await create(req)).body!.snapshotId).toBe(first.body!.snapshotId); // and after it is done
  expect(snapshotsOf(D.windowsSystem)).toHaveLength(count);
});

test("InstantAccess: Available while the snapshot is still progressing", async () => {
  const id = (await create({ diskId: D.webSystem, instantAccess: true })).body!.snapshotId!;
  const usable = await waitFor(() => describeSnapshot(id), (s) => s.available === true);
  expect(usable).toMatchObject({ status: "progressing", instantAccess: true });
  await accomplished(id);
});

test("256 manual snapshots per disk; automatic ones do not count", async () => {
  const count = snapshotsOf("d-full").length;
  await expectEcsError(create({ diskId: "d-full" }), "QuotaExceed.Snapshot", 403);
  expect(snapshotsOf("d-full")).toHaveLength(count);
  const id = (await create({ diskId: "d-almost-full" })).body!.snapshotId!; // 255 manual + 1 auto
  await accomplished(id);
  await expectEcsError(create({ diskId: "d-almost-full" }), "QuotaExceed.Snapshot", 403);
});

test("a disk that was attached before (DetachedTime) can be snapshotted while unattached", async () => {
  await accomplished((await create({ diskId: "d-detached" })).body!.snapshotId!);
});

test.each<[string, CreateReq, string, number]>([
  ["unknown disk", { diskId: "d-nope" }, "InvalidDiskId.NotFound", 404],
  ["no DiskId", {}, "MissingParameter", 400],
  ["instance locked for security", { diskId: D.lockedSystem }, "InstanceLockedForSecurity", 403],
  ["instance neither Running nor Stopped", { diskId: "d-of-stopping" }, "IncorrectInstanceStatus", 400],
  ["local disk", { diskId: D.batchLocal }, "DiskCategory.OperationNotSupported", 400],
  ["disk never attached", { diskId: "d-never-attached" }, "IncorrectDiskStatus.NeverAttached", 403],
  ["disk not In_use/Available", { diskId: "d-creating" }, "IncorrectDiskStatus", 403],
  ["name starting with auto", { diskId: D.webData1, snapshotName: "auto-1" }, "InvalidSnapshotName.Malformed", 400],
  ["name starting with a digit", { diskId: D.webData1, snapshotName: "1abc" }, "InvalidSnapshotName.Malformed", 400],
  ["one-character name", { diskId: D.webData1, snapshotName: "a" }, "InvalidSnapshotName.Malformed", 400],
  ["description starting with http://", { diskId: D.webData1, description: "http://x" }, "InvalidDescription.Malformed", 404],
  ["RetentionDays 0", { diskId: D.webData1, retentionDays: 0 }, "InvalidRetentionDays.Malformed", 400],
  ["RetentionDays 65537", { diskId: D.webData1, retentionDays: 65537 }, "InvalidRetentionDays.Malformed", 400],
  ["ClientToken of 65 characters", { diskId: D.webData1, clientToken: "t".repeat(65) }, "InvalidClientToken.Malformed", 403],
  ["tag key starting with acs:", { diskId: D.webData1, tags: [["acs:x", "1"]] }, "InvalidTagKey.Malformed", 400],
  ["duplicate tag keys", { diskId: D.webData1, tags: [["k", "1"], ["k", "2"]] }, "Duplicate.TagKey", 400],
])("CreateSnapshot refuses %s and creates nothing", async (_name, req, code, status) => {
  const before = emu.cloud.snapshots.size;
  await expectEcsError(create(req), code, status);
  expect(emu.cloud.snapshots.size).toBe(before);
});

describe("DeleteSnapshot", () => {
  const del = (snapshotId: string, force?: boolean) => ecs.deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId, force }));

  test("an accomplished snapshot is gone", async () => {
    const id = (await create({ diskId: D.webData1 })).body!.snapshotId!;
    await accomplished(id);
    await del(id);
    expect(await describeSnapshot(id)).toBeUndefined();
  });

  test("a progressing snapshot is cancelled: gone, and the disk can be snapshotted at once", async () => {
    const id = (await create({ diskId: D.webData1 })).body!.snapshotId!;
    await del(id);
    expect(emu.cloud.snapshots.has(id)).toBe(false);
    expect(emu.cloud.transitions.some((t) => t.Kind === "SnapshotComplete" && t.SnapshotId === id)).toBe(false);
    await accomplished((await create({ diskId: D.webData1 })).body!.snapshotId!);
  });

  test("unknown snapshot: InvalidSnapshotId.NotFound", async () => {
    await expectEcsError(del("s-nope"), "InvalidSnapshotId.NotFound", 404);
  });

  test("a snapshot a disk came from needs Force", async () => {
    // A disk created from (or reset to) the snapshot names it as SourceSnapshotId.
    emu.cloud.disks.get(D.batchData1)!.SourceSnapshotId = S.batchData1;
    await expectEcsError(del(S.batchData1), "SnapshotCreatedDisk", 403);
    await expectEcsError(del(S.batchData1, false), "SnapshotCreatedDisk", 403);
    expect(emu.cloud.snapshots.has(S.batchData1)).toBe(true);
    await del(S.batchData1, true);
    expect(emu.cloud.snapshots.has(S.batchData1)).toBe(false);
  });
});

describe("content versions", () => {
  test("GET /__emulator/state shows ContentVersion on disks and snapshots; the ECS API does not", async () => {
    const s = await state();
    expect(s.Disks.every((d) => typeof d.ContentVersion === "string" && d.ContentVersion !== "")).toBe(true);
    expect(s.Snapshots.every((x) => typeof x.ContentVersion === "string" && x.ContentVersion !== "")).toBe(true);
    const raw = await ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: JSON.stringify([D.webData1]) }));
    expect(JSON.stringify(raw.body)).not.toContain("ContentVersion");
    expect(JSON.stringify(raw.body)).not.toContain("contentVersion");
  });

  test("POST /__emulator/disks/{id}/write gives a fresh version; unknown disks are 404", async () => {
    const before = await diskVersion(D.webData2);
    const v1 = await writeDisk(D.webData2);
    const v2 = await writeDisk(D.webData2);
    expect(new Set([before, v1, v2]).size).toBe(3);
    expect(await diskVersion(D.webData2)).toBe(v2);
    expect((await admin(emu, "POST", "disks/d-nope/write")).status).toBe(404);
  });

  test("a snapshot keeps the version its disk had; ResetDisk and ResetDisks bring it back", async () => {
    const v1 = await writeDisk(D.batchSystem);
    const snap = (await create({ diskId: D.batchSystem })).body!.snapshotId!;
    await accomplished(snap);
    const v2 = await writeDisk(D.batchSystem);
    expect(await snapshotVersion(snap)).toBe(v1);
    expect(v2).not.toBe(v1);

    await ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: D.batchSystem, snapshotId: snap }));
    expect(await diskVersion(D.batchSystem)).toBe(v1);
    await waitFor(() => emu.cloud.disks.get(D.batchSystem)!.Status, (st) => st === "In_use");

    await writeDisk(D.batchSystem);
    await ecs.resetDisks(
      new $Ecs.ResetDisksRequest({ regionId: REGION, disk: [new $Ecs.ResetDisksRequestDisk({ diskId: D.batchSystem, snapshotId: snap })] }),
    );
    expect(await diskVersion(D.batchSystem)).toBe(v1);
    await waitFor(() => emu.cloud.disks.get(D.batchSystem)!.Status, (st) => st === "In_use");
  });
});
