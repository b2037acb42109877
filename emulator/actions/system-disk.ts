// ReplaceSystemDisk: validates every documented precondition, then creates a new system disk that
// is attached (and the old one released) when the ~40 s operation completes.
import type { Cloud } from "../model/cloud";
import { contentVersionOf } from "../model/content";
import { BASE_SECONDS } from "../model/durations";
import { isoNow, newResourceId } from "../model/ids";
import type { DiskRecord, ImageRecord, InstanceRecord } from "../model/types";
import { apiError, invalid } from "../protocol/errors";
import type { Params } from "../protocol/params";
import type { ActionContext, ActionDef } from "./context";
import { isValidPassword } from "./password";
import { assertOperable, findInstance, LOCAL_DISK } from "./preconditions";

const ACTION = "ReplaceSystemDisk";
const MAX_SIZE = 500;
const MIN_SIZE = 20;
const DEFAULT_MIN_SIZE = 40;

const fail = (code: string) => apiError(code, ACTION);

/** The source of the new system disk: an image (normal) or an existing disk (deprecated DiskId). */
interface Source {
  image?: ImageRecord;
  disk?: DiskRecord;
}

function clientToken(params: Params): string | undefined {
  const token = params.str("ClientToken");
  if (token !== undefined && !/^[\x20-\x7e]{1,64}$/.test(token)) throw invalid("ClientToken", ACTION);
  return token;
}

function source(cloud: Cloud, params: Params, inst: InstanceRecord): Source {
  const imageId = params.str("ImageId");
  if (imageId !== undefined) {
    const image = cloud.images.get(imageId);
    if (!image || image.RegionId !== inst.RegionId) throw fail("InvalidImageId.NotFound");
    if (image.Status !== "Available") throw fail("OperationDenied.ImageNotValid");
    return { image };
  }
  const disk = cloud.disks.get(params.required("DiskId"));
  if (!disk || disk.RegionId !== inst.RegionId) throw fail("InvalidDiskId.NotFound");
  if (disk.ZoneId !== inst.ZoneId) throw fail("ResourcesNotInSameZone");
  if (disk.InstanceId !== "" || disk.Status !== "Available") throw fail("InvalidDatadisk.DiskStatusViolation");
  if (LOCAL_DISK(disk.Category)) throw fail("InvalidDatadisk.DiskCategoryViolation");
  if (disk.KMSKeyId !== "") throw fail("InvalidParameter.DiskType");
  return { disk, image: cloud.images.get(disk.ImageId) };
}

/** Default Max{40, image size, current size}; explicit sizes checked as ECS documents them. */
function systemDiskSize(params: Params, image: ImageRecord, current: DiskRecord): number {
  const raw = params.str("SystemDisk.Size");
  if (raw === undefined) return image.Resizable ? Math.max(DEFAULT_MIN_SIZE, image.Size, current.Size) : image.Size;
  if (!/^\d+$/.test(raw)) throw fail("InvalidSystemDiskSize");
  const size = Number(raw);
  if (size > MAX_SIZE) throw fail("InvalidSystemDiskSize.MoreThanMaxSize");
  if (!image.Resizable) {
    if (size !== image.Size) throw fail("InvalidSystemDiskSize.ImageNotSupportResize");
    return size;
  }
  if (size < image.Size) throw fail("InvalidSystemDiskSize.LessThanImageSize");
  if (size < MIN_SIZE || size < current.Size) throw fail("InvalidSystemDiskSize.LessThanMinSize");
  return size;
}

function checkLogin(cloud: Cloud, params: Params, inst: InstanceRecord, osType: string): string | undefined {
  const password = params.str("Password");
  const inherit = params.bool("PasswordInherit") ?? false;
  if (password !== undefined && inherit) throw fail("InvalidPasswordParam.Mismatch");
  if (password !== undefined && !isValidPassword(password, osType)) throw fail("InvalidPassword.Malformed");
  const keyPairName = params.str("KeyPairName");
  if (keyPairName !== undefined) {
    if (osType === "windows") throw fail("DependencyViolation.WindowsInstance");
    if (!cloud.keyPair(inst.RegionId, keyPairName)) throw fail("InvalidKeyPairName.NotFound");
  }
  return keyPairName ?? (password !== undefined || inherit ? "" : inst.KeyPairName);
}

function checkEncryption(cloud: Cloud, params: Params, inst: InstanceRecord): { encrypted: boolean; kmsKeyId: string } {
  const encrypted = params.bool("Encrypted") ?? false;
  const kmsKeyId = params.str("KMSKeyId");
  if (params.str("EncryptAlgorithm") !== undefined) throw fail(encrypted ? "InvalidEncryptAlgorithm" : "InvalidEncrypted.NotMatchEncryptAlgorithm");
  if (kmsKeyId === undefined) return { encrypted, kmsKeyId: "" };
  if (kmsKeyId.length > 64) throw invalid("KMSKeyId", ACTION);
  if (!encrypted) throw fail("InvalidEncrypted.NotMatchKmsKeyId");
  const key = cloud.kmsKeys.get(kmsKeyId);
  if (!key || key.RegionId !== inst.RegionId) throw fail("InvalidParameter.KMSKeyId.NotFound");
  if (key.KeyState !== "Enabled") throw fail("InvalidParameter.KMSKeyId.CMKNotEnabled");
  return { encrypted, kmsKeyId };
}

function replace(ctx: ActionContext): Record<string, unknown> {
  const { cloud, params } = ctx;
  const instanceId = params.required("InstanceId");
  const hasImage = params.has("ImageId");
  const hasDisk = params.has("DiskId");
  if (hasImage && hasDisk) throw fail("InvalidParameter.Conflict");
  if (!hasImage && !hasDisk) throw fail("InvalidParameter.AllEmpty");

  const token = clientToken(params);
  const earlier = token !== undefined ? cloud.clientTokens.get(token) : undefined;
  if (earlier) {
    if (earlier.InstanceId !== instanceId) throw fail("IdempotentParameterMismatch");
    return { DiskId: earlier.DiskId };
  }

  const inst = findInstance(cloud, instanceId, ACTION, params.str("RegionId"));
  assertOperable(cloud, inst, ACTION);
  const src = source(cloud, params, inst);
  if (inst.Status !== "Stopped" || cloud.busyInstance(inst.InstanceId)) throw fail("IncorrectInstanceStatus");
  const current = cloud.systemDiskOf(inst.InstanceId);
  if (!current) throw fail("InvalidInstance.NotFoundSystemDisk");
  if (current.MultiAttach === "Enabled") throw fail("InvalidOperation.MultiAttachDisk");
  if (current.Status !== "In_use") throw fail("IncorrectDiskStatus");
  if (cloud.hasUnfinishedSnapshot(current.DiskId)) throw fail("DiskCreatingSnapshot");

  const osType = src.image?.OSType ?? inst.OSType;
  const size = src.image && !src.disk ? systemDiskSize(params, src.image, current) : src.disk!.Size;
  const keyPairName = checkLogin(cloud, params, inst, osType);
  const { encrypted, kmsKeyId } = checkEncryption(cloud, params, inst);
  params.oneOf("SecurityEnhancementStrategy", ["Active", "Deactive"] as const);
  params.bool("UseAdditionalService");

  const fresh: DiskRecord = src.disk ?? {
    DiskId: newResourceId("d"),
    RegionId: inst.RegionId,
    ZoneId: inst.ZoneId,
    DiskName: "",
    InstanceId: "",
    Device: "",
    Type: "system",
    Status: "Creating",
    Category: current.Category,
    Size: size,
    ImageId: src.image!.ImageId,
    SourceSnapshotId: "",
    Encrypted: encrypted,
    KMSKeyId: kmsKeyId,
    MultiAttach: "Disabled",
    DiskChargeType: current.DiskChargeType,
    DeleteWithInstance: true,
    Portable: false,
    CreationTime: isoNow(),
    LockReasons: [],
    Tags: [],
    // The new system disk holds the image's data.
    ContentVersion: contentVersionOf(src.image!, src.image!.ImageId),
    Extra: {},
  };
  if (src.disk) src.disk.Status = "Attaching";
  else cloud.disks.set(fresh.DiskId, fresh);
  cloud.startTransition(
    {
      Kind: "SystemDiskReplace",
      InstanceId: inst.InstanceId,
      OldDiskId: current.DiskId,
      NewDiskId: fresh.DiskId,
      ImageId: src.image?.ImageId ?? inst.ImageId,
      KeyPairName: keyPairName ?? "",
    },
    BASE_SECONDS.replace,
  );
  if (token !== undefined) cloud.clientTokens.set(token, { Token: token, InstanceId: inst.InstanceId, DiskId: fresh.DiskId });
  return { DiskId: fresh.DiskId };
}

export const SYSTEM_DISK_ACTIONS: Record<string, ActionDef> = {
  ReplaceSystemDisk: { mutates: true, handle: replace },
};
