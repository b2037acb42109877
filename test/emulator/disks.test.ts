// ResetDisk / ResetDisks / DescribeDisks / DescribeSnapshots: happy paths, the ReIniting state
// machine with its instance lock, every precondition of the seeds, DryRun.
import type { RunningEmulator } from "../../emulator";
import { DEMO_IDS } from "../../emulator";
import { diskFromSeed, snapshotFromSeed } from "../../emulator/model/seed";
import { $Ecs, REGION, describeDisk, describeInstance, expectEcsError, sdk, start, waitFor } from "./support/harness";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;

beforeAll(async () => {
  emu = await start();
  ecs = sdk(emu);
  // Extra resources for preconditions the demo fleet does not show.
  emu.cloud.disks.set("d-free-1", diskFromSeed({ DiskId: "d-free-1", Size: 50 }));
  emu.cloud.snapshots.set("s-free-1", snapshotFromSeed({ SnapshotId: "s-free-1", SourceDiskId: "d-free-1" }));
  emu.cloud.snapshots.set("s-failed-1", snapshotFromSeed({ SnapshotId: "s-failed-1", SourceDiskId: D.batchSystem, Status: "failed" }));
  emu.cloud.disks.set("d-creating-1", diskFromSeed({ DiskId: "d-creating-1", Status: "Creating" }));
  emu.cloud.snapshots.set("s-creating-1", snapshotFromSeed({ SnapshotId: "s-creating-1", SourceDiskId: "d-creating-1" }));
  // A snapshot that stays progressing for the whole file (the demo one completes within a second).
  emu.cloud.disks.set("d-snapping-1", diskFromSeed({ DiskId: "d-snapping-1" }));
  emu.cloud.snapshots.set("s-snapping-done", snapshotFromSeed({ SnapshotId: "s-snapping-done", SourceDiskId: "d-snapping-1" }));
  emu.cloud.snapshots.set("s-snapping-now", snapshotFromSeed({ SnapshotId: "s-snapping-now", SourceDiskId: "d-snapping-1", Status: "progressing" }));
  emu.cloud.startTransition({ Kind: "SnapshotComplete", SnapshotId: "s-snapping-now" }, 1_000_000);
});
afterAll(() => emu.close());

const resetDisk = (diskId: string, snapshotId: string, dryRun?: boolean, client = ecs) =>
  client.resetDisk(new $Ecs.ResetDiskRequest({ diskId, snapshotId, dryRun }));
const resetDisks = (disks: [string, string][], dryRun?: boolean, client = ecs) =>
  client.resetDisks(
    new $Ecs.ResetDisksRequest({ regionId: REGION, dryRun, disk: disks.map(([diskId, snapshotId]) => new $Ecs.ResetDisksRequestDisk({ diskId, snapshotId })) }),
  );
const locks = async (instanceId: string) => (await describeInstance(ecs, instanceId)).operationLocks!.lockReason!.map((l) => l.lockReason);

test("ResetDisk: ReIniting with an instance lock, then back to In_use with SourceSnapshotId set", async () => {
  const r = await resetDisk(D.batchSystem, S.batchSystem);
  expect(r.body!.requestId).toBeDefined();
  expect(emu.cloud.disks.get(D.batchSystem)!.Status).toBe("ReIniting");
  expect(emu.cloud.instanceLocks(I.batch).map((l) => l.LockReason)).toEqual(["resetDisk"]);
  const done = await waitFor(() => describeDisk(ecs, D.batchSystem), (d) => d.status === "In_use");
  expect(done.sourceSnapshotId).toBe(S.batchSystem);
  expect(await locks(I.batch)).toEqual([]);
});

test("ResetDisk on an unattached (Available) disk", async () => {
  await resetDisk("d-free-1", "s-free-1");
  const done = await waitFor(() => describeDisk(ecs, "d-free-1"), (d) => d.status === "Available");
  expect(done.sourceSnapshotId).toBe("s-free-1");
});

test("DryRun: DryRunOperation 400 and no change", async () => {
  await expectEcsError(resetDisk(D.batchSystem, S.batchSystem, true), "DryRunOperation", 400);
  expect((await describeDisk(ecs, D.batchSystem)).status).toBe("In_use");
  await expectEcsError(resetDisks([[D.batchSystem, S.batchSystem]], true), "DryRunOperation", 400);
  expect((await describeDisk(ecs, D.batchSystem)).status).toBe("In_use");
  await expectEcsError(resetDisk(D.webData1, S.webData1, true), "IncorrectInstanceStatus", 403);
});

test.each([
  ["disk not found", "d-nope", S.webData1, "InvalidDiskId.NotFound", 404],
  ["snapshot not found", D.batchSystem, "s-nope", "InvalidSnapshotId.NotFound", 404],
  ["snapshot of another disk", D.batchSystem, S.batchData1, "InvalidParameter.Mismatch", 403],
  ["encrypted snapshot onto an unencrypted disk", D.webData1, S.webData1Encrypted, "InvalidParameter.Mismatch", 403],
  ["snapshot still progressing", "d-snapping-1", "s-snapping-now", "InvalidSnapshotId.NotReady", 403],
  ["disk has an unfinished snapshot", "d-snapping-1", "s-snapping-done", "IncorrectDiskStatus.HasUnfinishedSnapshot", 403],
  ["snapshot taken before 2013-07-15", D.webData2, S.webData2TooOld, "InvalidSnapshot.TooOld", 403],
  ["failed snapshot", D.batchSystem, "s-failed-1", "OperationDenied", 403],
  ["instance not stopped", D.webData1, S.webData1, "IncorrectInstanceStatus", 403],
  ["local disk", D.batchLocal, S.batchData1, "DiskCategory.OperationNotSupported", 400],
  ["multi-attach disk", D.batchShared, S.batchShared, "InvalidOperation.MultiAttachDisk", 403],
  ["security-locked instance", D.lockedSystem, S.lockedSystem, "InstanceLockedForSecurity", 403],
  ["expired instance", D.expiredSystem, S.expiredSystem, "InstanceExpiredOrInArrears", 403],
  ["disk in a status other than In_use/Available", "d-creating-1", "s-creating-1", "IncorrectDiskStatus", 403],
])("ResetDisk, %s", async (_name, diskId, snapshotId, code, status) => {
  await expectEcsError(resetDisk(diskId, snapshotId), code, status);
  // ResetDisks reports the same failure in the disk's item, not as an HTTP error.
  const r = await resetDisks([[diskId, snapshotId]]);
  const [item] = r.body!.operationProgressSet!.operationProgress!;
  expect(item).toMatchObject({ operationStatus: "Failed", errorCode: code });
  expect(item.relatedItemSet!.relatedItem).toEqual([
    expect.objectContaining({ name: "SnapshotId", value: snapshotId }),
    expect.objectContaining({ name: "DiskId", value: diskId }),
  ]);
});

test("a reset already in progress: InvalidOperation.DiskResetInProgress 403; ReplaceSystemDisk refused meanwhile", async () => {
  const slow = await start({ timeScale: 1 });
  try {
    const client = sdk(slow);
    await resetDisk(D.batchSystem, S.batchSystem, undefined, client);
    await expectEcsError(resetDisk(D.batchSystem, S.batchSystem, undefined, client), "InvalidOperation.DiskResetInProgress", 403);
    await expectEcsError(
      client.replaceSystemDisk(new $Ecs.ReplaceSystemDiskRequest({ instanceId: I.batch, imageId: DEMO_IDS.images.ubuntu2404 })),
      "IncorrectInstanceStatus",
      403,
    );
    const snapshot = (await client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([S.batchData1Progressing]) })))
      .body!.snapshots!.snapshot![0];
    expect(snapshot.status).toBe("progressing");
    expect(snapshot.progress).toMatch(/^\d{1,2}%$/);
  } finally {
    await slow.close();
  }
});

test("a progressing snapshot completes after its configured time; then the disk can be reset", async () => {
  const snap = await waitFor(
    async () => (await ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([S.batchData1Progressing]) }))).body!.snapshots!.snapshot![0],
    (s) => s.status === "accomplished",
  );
  expect(snap.progress).toBe("100%");
  expect(snap.available).toBe(true);

  const r = await resetDisks([
    [D.batchSystem, S.batchSystem],
    [D.batchData1, S.batchData1Progressing],
    [D.batchLocal, S.batchData1],
  ]);
  const items = r.body!.operationProgressSet!.operationProgress!;
  expect(items.map((i) => [i.operationStatus, i.errorCode])).toEqual([
    ["Success", ""],
    ["Success", ""],
    ["Failed", "DiskCategory.OperationNotSupported"],
  ]);
  expect((await describeDisk(ecs, D.batchData1)).status).toBe("ReIniting");
  await waitFor(() => describeDisk(ecs, D.batchData1), (d) => d.status === "In_use");
  expect((await describeDisk(ecs, D.batchData1)).sourceSnapshotId).toBe(S.batchData1Progressing);
  await waitFor(() => locks(I.batch), (l) => l.length === 0);
});

test("ResetDisks request-level problems are HTTP errors", async () => {
  await expectEcsError(ecs.resetDisks(new $Ecs.ResetDisksRequest({ regionId: REGION })), "MissingParameter", 400);
  await expectEcsError(ecs.resetDisks(new $Ecs.ResetDisksRequest({ disk: [new $Ecs.ResetDisksRequestDisk({ diskId: "d", snapshotId: "s" })] })), "MissingParameter", 400);
  const eleven = Array.from({ length: 11 }, () => [D.batchSystem, S.batchSystem] as [string, string]);
  await expectEcsError(resetDisks(eleven), "InvalidParameter", 400);
});

describe("DescribeDisks", () => {
  test("filters: InstanceId, DiskType, DiskIds, Category", async () => {
    const list = async (r: Partial<$Ecs.DescribeDisksRequest>) =>
      (await ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, pageSize: 100, ...r }))).body!.disks!.disk!.map((d) => d.diskId);
    expect(await list({ instanceId: I.web })).toEqual([D.webSystem, D.webData1, D.webData2]);
    expect(await list({ instanceId: I.web, diskType: "system" })).toEqual([D.webSystem]);
    expect(await list({ instanceId: I.web, diskType: "data" })).toEqual([D.webData1, D.webData2]);
    expect(await list({ diskIds: JSON.stringify([D.webData2, "d-unknown"]) })).toEqual([D.webData2]);
    expect(await list({ category: "ephemeral_ssd" })).toEqual([D.batchLocal]);
  });

  test("renders the fields the provider reads, with the SDK's types", async () => {
    const d = await describeDisk(ecs, D.webSystem);
    expect(d).toMatchObject({ diskId: D.webSystem, instanceId: I.web, type: "system", status: "In_use", size: 40, category: "cloud_essd", encrypted: false, multiAttach: "Disabled" });
    expect(d.operationLocks!.operationLock).toEqual([]);
  });
});
