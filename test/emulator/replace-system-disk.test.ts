// ReplaceSystemDisk: the replacement state machine (new disk id, old disk released, locks),
// ClientToken idempotency, every documented precondition; DescribeImages / DescribeKeyPairs.
import type { RunningEmulator } from "../../emulator";
import { DEMO_IDS, RESIZABLE_TAG } from "../../emulator";
import { diskFromSeed, imageFromSeed, instanceFromSeed, snapshotFromSeed } from "../../emulator/model/seed";
import { $Ecs, REGION, describeDisk, describeInstance, expectEcsError, sdk, start, waitFor } from "./support/harness";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const M = DEMO_IDS.images;
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;

beforeAll(async () => {
  emu = await start();
  ecs = sdk(emu);
  emu.cloud.setInstanceStatus(I.windows, "Stopped");
  emu.cloud.images.set("m-tiny", imageFromSeed({ ImageId: "m-tiny", Size: 5 }));
  // A stopped instance whose system disk has a snapshot in progress for the whole file.
  emu.cloud.instances.set("i-snapping", instanceFromSeed({ InstanceId: "i-snapping", Status: "Stopped", ImageId: M.ubuntu2204 }));
  emu.cloud.disks.set("d-snapping-sys", diskFromSeed({ DiskId: "d-snapping-sys", InstanceId: "i-snapping", Type: "system" }));
  emu.cloud.snapshots.set("s-snapping", snapshotFromSeed({ SnapshotId: "s-snapping", SourceDiskId: "d-snapping-sys", Status: "progressing" }));
  emu.cloud.startTransition({ Kind: "SnapshotComplete", SnapshotId: "s-snapping" }, 1_000_000);
});
afterAll(() => emu.close());

type Req = Partial<Omit<$Ecs.ReplaceSystemDiskRequest, "systemDisk">> & { size?: number };
const replace = ({ size, ...r }: Req) =>
  ecs.replaceSystemDisk(
    new $Ecs.ReplaceSystemDiskRequest({ instanceId: I.batch, ...r, systemDisk: size === undefined ? undefined : new $Ecs.ReplaceSystemDiskRequestSystemDisk({ size }) }),
  );
const systemDisks = async (instanceId: string) =>
  (await ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, instanceId, diskType: "system" }))).body!.disks!.disk!;

test.each<[string, Req, string, number]>([
  ["unknown instance", { instanceId: "i-nope", imageId: M.ubuntu2404 }, "InvalidInstanceId.NotFound", 404],
  ["unknown image", { imageId: "m-nope" }, "InvalidImageId.NotFound", 404],
  ["image not Available", { imageId: M.deprecated }, "OperationDenied.ImageNotValid", 403],
  ["ImageId and DiskId both", { imageId: M.ubuntu2404, diskId: D.webData1 }, "InvalidParameter.Conflict", 403],
  ["ImageId and DiskId neither", {}, "InvalidParameter.AllEmpty", 403],
  ["unknown DiskId (deprecated form)", { diskId: "d-nope" }, "InvalidDiskId.NotFound", 400],
  ["instance Running", { instanceId: I.web, imageId: M.ubuntu2404 }, "IncorrectInstanceStatus", 403],
  ["instance locked for security", { instanceId: I.locked, imageId: M.ubuntu2404 }, "InstanceLockedForSecurity", 403],
  ["instance expired", { instanceId: I.expired, imageId: M.ubuntu2404 }, "InstanceExpiredOrInArrears", 403],
  ["system disk has an unfinished snapshot", { instanceId: "i-snapping", imageId: M.ubuntu2404 }, "DiskCreatingSnapshot", 403],
  ["size above 500", { imageId: M.ubuntu2404, size: 501 }, "InvalidSystemDiskSize.MoreThanMaxSize", 404],
  ["size below the image size", { imageId: M.centosLarge, size: 60 }, "InvalidSystemDiskSize.LessThanImageSize", 404],
  ["size below 20", { imageId: "m-tiny", size: 10 }, "InvalidSystemDiskSize.LessThanMinSize", 404],
  ["size below the current system disk", { imageId: M.ubuntu2404, size: 30 }, "InvalidSystemDiskSize.LessThanMinSize", 404],
  ["non-resizable image with another size", { imageId: M.debianFixed, size: 40 }, "InvalidSystemDiskSize.ImageNotSupportResize", 400],
  ["password too short", { imageId: M.ubuntu2404, password: "Ab1!" }, "InvalidPassword.Malformed", 400],
  ["password with two character classes", { imageId: M.ubuntu2404, password: "abcdefgh123" }, "InvalidPassword.Malformed", 400],
  ["password with a character outside the set", { imageId: M.ubuntu2404, password: "Abcdefg1\"x" }, "InvalidPassword.Malformed", 400],
  ["password longer than 30", { imageId: M.ubuntu2404, password: "Ab1!".repeat(8) }, "InvalidPassword.Malformed", 400],
  ["Windows password starting with /", { instanceId: I.windows, imageId: M.windows2022, password: "/Abcdef123" }, "InvalidPassword.Malformed", 400],
  ["Password with PasswordInherit", { imageId: M.ubuntu2404, password: "Abcdef12!", passwordInherit: true }, "InvalidPasswordParam.Mismatch", 400],
  ["key pair on a Windows image", { imageId: M.windows2022, keyPairName: "kp-demo" }, "DependencyViolation.WindowsInstance", 403],
  ["unknown key pair", { imageId: M.ubuntu2404, keyPairName: "kp-nope" }, "InvalidKeyPairName.NotFound", 400],
  ["KMSKeyId without Encrypted", { imageId: M.ubuntu2404, KMSKeyId: DEMO_IDS.kmsKeys.enabled }, "InvalidEncrypted.NotMatchKmsKeyId", 403],
  ["unknown KMS key", { imageId: M.ubuntu2404, encrypted: true, KMSKeyId: "kms-nope" }, "InvalidParameter.KMSKeyId.NotFound", 403],
  ["disabled KMS key", { imageId: M.ubuntu2404, encrypted: true, KMSKeyId: DEMO_IDS.kmsKeys.disabled }, "InvalidParameter.KMSKeyId.CMKNotEnabled", 403],
  ["ClientToken longer than 64", { imageId: M.ubuntu2404, clientToken: "t".repeat(65) }, "InvalidParameter", 400],
  ["ClientToken not ASCII", { imageId: M.ubuntu2404, clientToken: "tök" }, "InvalidParameter", 400],
])("%s", async (_name, req, code, status) => {
  await expectEcsError(replace(req), code, status);
  expect((await systemDisks(req.instanceId ?? I.batch)).length).toBeLessThanOrEqual(1);
});

test("nothing changed after all the refused calls", async () => {
  expect((await systemDisks(I.batch)).map((d) => d.diskId)).toEqual([D.batchSystem]);
  expect(emu.cloud.transitions.filter((t) => t.Kind === "SystemDiskReplace")).toEqual([]);
});

test("happy path: new disk id; locks while running; then attached, old disk released, image updated", async () => {
  const r = await replace({ imageId: M.ubuntu2404, size: 60, password: "Abcdef12!", encrypted: true, KMSKeyId: DEMO_IDS.kmsKeys.enabled, clientToken: "tok-1" });
  const newId = r.body!.diskId!;
  expect(newId).toMatch(/^d-[a-z0-9]+$/);
  expect(newId).not.toBe(D.batchSystem);

  const during = await describeInstance(ecs, I.batch);
  expect(during.operationLocks!.lockReason!.map((l) => l.lockReason)).toEqual(["replaceSystemDisk"]);
  expect(during.imageId).toBe(M.ubuntu2204);
  await expectEcsError(ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: I.batch })), "IncorrectInstanceStatus", 403);

  const after = await waitFor(() => describeInstance(ecs, I.batch), (i) => i.operationLocks!.lockReason!.length === 0);
  expect(after.imageId).toBe(M.ubuntu2404);
  const fresh = await describeDisk(ecs, newId);
  expect(fresh).toMatchObject({ instanceId: I.batch, status: "In_use", type: "system", size: 60, imageId: M.ubuntu2404, encrypted: true, KMSKeyId: DEMO_IDS.kmsKeys.enabled });
  expect(await describeDisk(ecs, D.batchSystem)).toBeUndefined();
  expect((await systemDisks(I.batch)).map((d) => d.diskId)).toEqual([newId]);

  // The same ClientToken again: the first result, a new RequestId, and nothing changes.
  const again = await replace({ imageId: M.ubuntu2404, size: 60, password: "Abcdef12!", encrypted: true, KMSKeyId: DEMO_IDS.kmsKeys.enabled, clientToken: "tok-1" });
  expect(again.body!.diskId).toBe(newId);
  expect(again.body!.requestId).not.toBe(r.body!.requestId);
  expect(emu.cloud.transitions.filter((t) => t.Kind === "SystemDiskReplace")).toEqual([]);
  expect((await systemDisks(I.batch)).map((d) => d.diskId)).toEqual([newId]);
  // ... but not for another instance.
  await expectEcsError(replace({ instanceId: I.windows, imageId: M.windows2022, clientToken: "tok-1" }), "IdempotentParameterMismatch", 400);
});

test("default size is Max{40, image size, current size}; a non-resizable image keeps its size", async () => {
  const big = await replace({ imageId: M.centosLarge });
  await waitFor(() => describeInstance(ecs, I.batch), (i) => i.operationLocks!.lockReason!.length === 0);
  expect((await describeDisk(ecs, big.body!.diskId!)).size).toBe(80);

  const fixed = await replace({ imageId: M.debianFixed, size: 30, keyPairName: "kp-demo" });
  await waitFor(() => describeInstance(ecs, I.batch), (i) => i.operationLocks!.lockReason!.length === 0);
  expect((await describeDisk(ecs, fixed.body!.diskId!)).size).toBe(30);
  expect((await describeInstance(ecs, I.batch)).keyPairName).toBe("kp-demo");

  const win = await replace({ instanceId: I.windows, imageId: M.windows2022, passwordInherit: true });
  await waitFor(() => describeInstance(ecs, I.windows), (i) => i.operationLocks!.lockReason!.length === 0);
  expect((await describeDisk(ecs, win.body!.diskId!)).size).toBe(40);
});

describe("DescribeImages / DescribeKeyPairs", () => {
  const images = async (r: Partial<$Ecs.DescribeImagesRequest>) =>
    (await ecs.describeImages(new $Ecs.DescribeImagesRequest({ regionId: REGION, pageSize: 100, ...r }))).body!.images!.image!;

  test("ImageId filter with Size, OSType, Status, Platform and the not-resizable tag", async () => {
    const [fixed] = await images({ imageId: M.debianFixed });
    expect(fixed).toMatchObject({ imageId: M.debianFixed, size: 30, OSType: "linux", status: "Available", platform: "Debian" });
    expect(fixed.tags!.tag).toEqual([expect.objectContaining({ tagKey: RESIZABLE_TAG, tagValue: "false" })]);
    const [ubuntu] = await images({ imageId: M.ubuntu2404 });
    expect(ubuntu.tags!.tag).toEqual([]);
    const [win] = await images({ imageId: M.windows2022 });
    expect(win.OSType).toBe("windows");
  });

  test("deprecated images show up by id, not in the default (Available) listing", async () => {
    expect((await images({ imageId: M.deprecated }))[0].status).toBe("Deprecated");
    expect((await images({})).map((m) => m.imageId)).not.toContain(M.deprecated);
    expect(await images({ imageId: "m-nope" })).toEqual([]);
  });

  test("DescribeKeyPairs: exact name, wildcard, unknown", async () => {
    const list = async (keyPairName: string) =>
      (await ecs.describeKeyPairs(new $Ecs.DescribeKeyPairsRequest({ regionId: REGION, keyPairName }))).body!.keyPairs!.keyPair!.map((k) => k.keyPairName);
    expect(await list("kp-demo")).toEqual(["kp-demo"]);
    expect(await list("kp-*")).toEqual(["kp-demo"]);
    expect(await list("kp-nope")).toEqual([]);
  });
});
