// CreateImage from a system disk snapshot: Creating -> Available over time, ClientToken, the
// documented errors; and the whole undo route of a system disk replacement: snapshot the old
// system disk, replace it, make an image of the snapshot, replace again with that image, and the
// new system disk holds the old data (its content version).
import type { RunningEmulator } from "../../emulator";
import { DEMO_IDS } from "../../emulator";
import { diskFromSeed, instanceFromSeed, snapshotFromSeed } from "../../emulator/model/seed";
import { $Ecs, REGION, admin, expectEcsError, sdk, start, waitFor } from "./support/harness";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const M = DEMO_IDS.images;
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;
const POLL_FREELY = { limit: 1_000_000, windowSeconds: 60 };

beforeAll(async () => {
  // 0.05: an image takes 3 s, long enough to see it Creating. Polling every 5 ms needs no flow control.
  emu = await start({ timeScale: 0.05, rateLimits: { DescribeImages: POLL_FREELY, DescribeSnapshots: POLL_FREELY, DescribeInstances: POLL_FREELY } });
  ecs = sdk(emu);
  // Snapshots of a spare system disk for the error cases (a progressing one would block the demo disks).
  emu.cloud.disks.set("d-spare-sys", diskFromSeed({ DiskId: "d-spare-sys", Type: "system", ImageId: M.ubuntu2204 }));
  emu.cloud.snapshots.set("s-sys-failed", snapshotFromSeed({ SnapshotId: "s-sys-failed", SourceDiskId: "d-spare-sys", SourceDiskType: "System", Status: "failed" }));
  emu.cloud.snapshots.set(
    "s-sys-old",
    snapshotFromSeed({ SnapshotId: "s-sys-old", SourceDiskId: "d-spare-sys", SourceDiskType: "System", CreationTime: "2013-01-01T00:00:00Z" }),
  );
  emu.cloud.snapshots.set("s-sys-progressing", snapshotFromSeed({ SnapshotId: "s-sys-progressing", SourceDiskId: "d-spare-sys", SourceDiskType: "System", Status: "progressing" }));
  emu.cloud.startTransition({ Kind: "SnapshotComplete", SnapshotId: "s-sys-progressing" }, 1_000_000);
  // A stopped instance of its own for the undo walk.
  emu.cloud.instances.set("i-undo", instanceFromSeed({ InstanceId: "i-undo", Status: "Stopped", ImageId: M.ubuntu2204, StartTime: "2025-01-01T00:00:00Z" }));
  emu.cloud.disks.set("d-undo-sys", diskFromSeed({ DiskId: "d-undo-sys", InstanceId: "i-undo", Type: "system", ImageId: M.ubuntu2204, Device: "/dev/xvda" }));
});
afterAll(() => emu.close());

type ImageReq = Partial<Omit<$Ecs.CreateImageRequest, "tag">> & { tags?: [string, string][] };
const createImage = ({ tags, ...r }: ImageReq) =>
  ecs.createImage(
    new $Ecs.CreateImageRequest({ regionId: REGION, ...r, tag: tags?.map(([key, value]) => new $Ecs.CreateImageRequestTag({ key, value })) }),
  );
const describeImage = async (imageId: string) =>
  (await ecs.describeImages(new $Ecs.DescribeImagesRequest({ regionId: REGION, imageId }))).body!.images!.image![0];
const available = (imageId: string) => waitFor(() => describeImage(imageId), (m) => m?.status === "Available", 15_000, `${imageId} Available`);
const describeSnapshot = async (snapshotId: string) =>
  (await ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([snapshotId]) }))).body!.snapshots!
    .snapshot![0];
const snapshotOf = async (diskId: string) => {
  const id = (await ecs.createSnapshot(new $Ecs.CreateSnapshotRequest({ diskId }))).body!.snapshotId!;
  await waitFor(() => describeSnapshot(id), (s) => s.status === "accomplished");
  return id;
};
const state = async () => (await admin(emu, "GET", "state")).body as unknown as {
  Disks: { DiskId: string; InstanceId: string; Type: string; ContentVersion: string }[];
  Images: { ImageId: string; ContentVersion: string }[];
};
const systemDiskVersion = async (instanceId: string) =>
  (await state()).Disks.find((d) => d.InstanceId === instanceId && d.Type === "system")!.ContentVersion;
const replaceAndWait = async (instanceId: string, imageId: string) => {
  const diskId = (await ecs.replaceSystemDisk(new $Ecs.ReplaceSystemDiskRequest({ instanceId, imageId, passwordInherit: true }))).body!.diskId!;
  await waitFor(
    async () => (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: JSON.stringify([instanceId]) }))).body!
      .instances!.instance![0],
    (i) => i.imageId === imageId && i.operationLocks!.lockReason!.length === 0,
  );
  return diskId;
};

test("CreateImage from a system disk snapshot: Creating, then Available; DescribeImages shows it", async () => {
  const snap = await snapshotOf(D.webSystem);
  const r = await createImage({ snapshotId: snap, imageName: "web-backup-1", description: "before replace", tags: [["diskops:undo", "yes"]] });
  const id = r.body!.imageId!;
  expect(id).toMatch(/^m-/);
  const creating = await describeImage(id);
  expect(creating).toMatchObject({ status: "Creating", imageOwnerAlias: "self", imageName: "web-backup-1", description: "before replace" });
  // Not listed among the usable images until it is Available (DescribeImages' default Status).
  const listed = async () =>
    (await ecs.describeImages(new $Ecs.DescribeImagesRequest({ regionId: REGION, imageOwnerAlias: "self" }))).body!.images!.image!.map((m) => m.imageId);
  expect(await listed()).not.toContain(id);

  const done = await available(id);
  expect(done).toMatchObject({ progress: "100%", size: 40, OSType: "linux", platform: "Ubuntu", architecture: "x86_64" });
  expect(done.diskDeviceMappings!.diskDeviceMapping).toEqual([expect.objectContaining({ snapshotId: snap, type: "system" })]);
  expect(done.tags!.tag).toEqual([expect.objectContaining({ tagKey: "diskops:undo", tagValue: "yes" })]);
  expect(await listed()).toContain(id);
  expect((await describeSnapshot(snap)).usage).toBe("image");
});

test("ReplaceSystemDisk refuses the image while it is Creating and accepts it once Available", async () => {
  const snap = await snapshotOf(D.batchSystem);
  const id = (await createImage({ snapshotId: snap })).body!.imageId!;
  await expectEcsError(ecs.replaceSystemDisk(new $Ecs.ReplaceSystemDiskRequest({ instanceId: I.batch, imageId: id, passwordInherit: true })), "OperationDenied.ImageNotValid", 403);
  await available(id);
  await replaceAndWait(I.batch, id);
});

test("ClientToken: the same request gives the same image; other parameters are IdempotenceParamNotMatch", async () => {
  const snap = await snapshotOf(D.windowsSystem);
  const req = { snapshotId: snap, imageName: "win-tokened", clientToken: "tok-image-1" };
  const first = (await createImage(req)).body!.imageId!;
  const count = emu.cloud.images.size;
  expect((await createImage(req)).body!.imageId).toBe(first);
  expect(emu.cloud.images.size).toBe(count);
  await expectEcsError(createImage({ ...req, imageName: "win-other" }), "IdempotenceParamNotMatch", 400);
  expect((await available(first)).OSType).toBe("windows"); // the OS comes from the source disk's image
});

test("the snapshot an image was made from cannot be deleted, even with Force", async () => {
  const snap = await snapshotOf(D.webSystem);
  const id = (await createImage({ snapshotId: snap })).body!.imageId!;
  await expectEcsError(ecs.deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId: snap, force: true })), "SnapshotCreatedImage", 403);
  expect(emu.cloud.snapshots.has(snap)).toBe(true);
  await available(id);
});

test.each<[string, ImageReq, string, number]>([
  ["unknown snapshot", { snapshotId: "s-nope" }, "InvalidSnapshotId.NotFound", 404],
  ["no SnapshotId", {}, "MissingParameter", 400],
  ["the InstanceId form (not modelled)", { instanceId: I.web }, "InvalidParameter", 400],
  ["a progressing snapshot", { snapshotId: "s-sys-progressing" }, "InvalidSnapshotId.NotReady", 403],
  ["a failed snapshot", { snapshotId: "s-sys-failed" }, "OperationDenied", 403],
  ["a data disk snapshot", { snapshotId: S.webData1 }, "OperationDenied", 403],
  ["a snapshot from before 2013-07-15", { snapshotId: "s-sys-old" }, "InvalidSnapshot.TooOld", 403],
  ["a name starting with a digit", { snapshotId: S.webSystem, imageName: "1-backup" }, "InvalidImageName.Malformed", 400],
  ["a name starting with http://", { snapshotId: S.webSystem, imageName: "http://x" }, "InvalidImageName.Malformed", 400],
  ["a one-character description", { snapshotId: S.webSystem, description: "x" }, "InvalidDescription.Malformed", 400],
  ["an unknown architecture", { snapshotId: S.webSystem, architecture: "sparc" }, "InvalidArchitecture.Malformed", 400],
  ["a platform of 65 characters", { snapshotId: S.webSystem, platform: "p".repeat(65) }, "InvalidPlatform.Malformed", 400],
  ["a tag key starting with aliyun", { snapshotId: S.webSystem, tags: [["aliyun-x", "1"]] }, "InvalidTagKey.Malformed", 400],
])("CreateImage refuses %s and creates nothing", async (_name, req, code, status) => {
  const before = emu.cloud.images.size;
  const err = await expectEcsError(createImage(req), code, status);
  if (req.snapshotId === S.webData1) expect(err.data?.Message).toBe("The specified snapshot is not from system disk.");
  expect(emu.cloud.images.size).toBe(before);
});

test("an image name is unique among the region's own images", async () => {
  const id = (await createImage({ snapshotId: S.webSystem, imageName: "unique-name" })).body!.imageId!;
  await expectEcsError(createImage({ snapshotId: S.webSystem, imageName: "unique-name" }), "InvalidImageName.Duplicated", 400);
  await available(id);
});

test("undo of a system disk replacement: snapshot -> replace -> image of the snapshot -> replace back brings the data back", async () => {
  const before = (await admin(emu, "POST", "disks/d-undo-sys/write")).body.ContentVersion;
  const snap = await snapshotOf("d-undo-sys");

  await replaceAndWait("i-undo", M.ubuntu2404);
  const replaced = await systemDiskVersion("i-undo");
  const publicImage = (await state()).Images.find((m) => m.ImageId === M.ubuntu2404)!.ContentVersion;
  expect(replaced).toBe(publicImage); // a fresh system disk holds the image's data
  expect(replaced).not.toBe(before);
  expect((await state()).Disks.some((d) => d.DiskId === "d-undo-sys")).toBe(false); // the old disk is gone
  // ResetDisk is no route: the snapshot is of another (released) disk.
  const current = (await state()).Disks.find((d) => d.InstanceId === "i-undo" && d.Type === "system")!.DiskId;
  await expectEcsError(ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: current, snapshotId: snap })), "InvalidParameter.Mismatch", 403);

  const image = (await createImage({ snapshotId: snap, imageName: "undo-i-undo" })).body!.imageId!;
  await available(image);
  expect((await state()).Images.find((m) => m.ImageId === image)!.ContentVersion).toBe(before);
  await replaceAndWait("i-undo", image);
  expect(await systemDiskVersion("i-undo")).toBe(before);
});
