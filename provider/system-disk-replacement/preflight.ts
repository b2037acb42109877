// Preflight for SystemDiskReplacement: Describe* lookups for everything ReplaceSystemDisk would
// refuse (it has no DryRun). Never stops, replaces or starts anything.
import type { DiskInfo, ImageInfo } from "../ecs/api";
import { batcher, ecs } from "../common/context";
import { SYSTEM_DISK_DEFAULTS } from "./types";
import {
  PreflightResult,
  ecsFailure,
  instanceProblems,
  isTransient,
  preflightError,
  regionFor,
  transientWarning,
} from "../common/preflight";
import type { PowerPolicy } from "../common/types";
import type { SystemDiskReplacementInputs } from "./types";
import { SYSTEM_DISK_MAX_GIB, SYSTEM_DISK_MIN_GIB } from "./validate";
import { CheckFailure, failure } from "../common/validation-rules";
import { safetySnapshotEnabled, safetySnapshotProblems } from "../common/safety-snapshot";

const ACTION = "ReplaceSystemDisk";
/** ECS default when SystemDisk.Size is not given: Max{40, image size}. */
const DEFAULT_MIN_GIB = 40;

export interface SystemDiskFacts {
  regionId: string;
  instanceId: string;
  instanceStatus: string;
  powerPolicy: PowerPolicy;
  currentImageId: string;
  currentSystemDiskId?: string;
  currentSizeGiB?: number;
  imageId: string;
  imageSizeGiB: number;
  osType: string;
  /** The size the new system disk will get. */
  targetSizeGiB: number;
  login: string;
}

function sizeProblems(inputs: SystemDiskReplacementInputs, image: ImageInfo, current: DiskInfo | undefined): { failures: CheckFailure[]; target: number } {
  const requested = inputs.systemDiskSize;
  const failures: CheckFailure[] = [];
  const canResize = image.resizable !== false;
  const target = requested ?? (canResize ? Math.max(DEFAULT_MIN_GIB, image.size, current?.size ?? 0) : image.size);
  if (image.size > SYSTEM_DISK_MAX_GIB) {
    failures.push(ecsFailure("imageId", `image ${image.imageId} is ${image.size} GiB, more than the ${SYSTEM_DISK_MAX_GIB} GiB a system disk can have`, "InvalidSystemDiskSize.MoreThanMaxSize", ACTION));
  }
  if (requested === undefined) return { failures, target };
  if (!canResize) {
    if (requested !== image.size) {
      failures.push(ecsFailure("systemDiskSize", `image ${image.imageId} cannot be resized: the system disk must be exactly ${image.size} GiB, not ${requested} GiB (or leave systemDiskSize out)`, "InvalidSystemDiskSize.ImageNotSupportResize", ACTION));
    }
    return { failures, target };
  }
  if (requested < image.size) {
    failures.push(ecsFailure("systemDiskSize", `${requested} GiB is smaller than image ${image.imageId} (${image.size} GiB)`, "InvalidSystemDiskSize.LessThanImageSize", ACTION));
  }
  const floor = Math.max(SYSTEM_DISK_MIN_GIB, current?.size ?? 0);
  if (current && requested < floor && requested >= image.size) {
    failures.push(ecsFailure("systemDiskSize", `${requested} GiB is smaller than the current system disk ${current.diskId} (${current.size} GiB): a system disk cannot shrink`, "InvalidSystemDiskSize.LessThanMinSize", ACTION));
  }
  return { failures, target };
}

function loginOf(inputs: SystemDiskReplacementInputs): string {
  if (inputs.keyPairName) return `key pair ${inputs.keyPairName}`;
  if (inputs.password) return "the new password (secret)";
  if (inputs.passwordInherit) return "the image's preset password";
  return "no password or key pair set (set one in the console before logging in)";
}

async function keyPairProblems(inputs: SystemDiskReplacementInputs, regionId: string, image: ImageInfo | undefined): Promise<CheckFailure[]> {
  if (!inputs.keyPairName) return [];
  if (image?.osType === "windows") {
    return [ecsFailure("keyPairName", `image ${image.imageId} is a Windows image: key pairs log in to Linux only; use password instead`, "DependencyViolation.WindowsInstance", ACTION)];
  }
  const found = await ecs().describeKeyPair(regionId, inputs.keyPairName);
  return found ? [] : [ecsFailure("keyPairName", `key pair ${inputs.keyPairName} does not exist in region ${regionId}`, "InvalidKeyPairName.NotFound", ACTION)];
}

function imageProblems(inputs: SystemDiskReplacementInputs, image: ImageInfo | undefined, regionId: string): CheckFailure[] {
  if (!image) return [ecsFailure("imageId", `image ${inputs.imageId} does not exist in region ${regionId}`, "InvalidImageId.NotFound", ACTION)];
  const out: CheckFailure[] = [];
  if (image.status && image.status !== "Available") {
    out.push(ecsFailure("imageId", `image ${image.imageId} is ${image.status}, not Available`, "OperationDenied.ImageNotValid", ACTION));
  }
  if (image.osType === "windows" && typeof inputs.password === "string" && inputs.password.startsWith("/")) {
    out.push(ecsFailure("password", `a Windows password may not start with "/" (image ${image.imageId} is Windows)`, "InvalidPassword.Malformed", ACTION));
  }
  return out;
}

function systemDiskProblems(disk: DiskInfo | undefined): CheckFailure[] {
  if (disk?.multiAttach === "Enabled") {
    return [ecsFailure("instanceId", `system disk ${disk.diskId} has multi-attach enabled`, "InvalidOperation.MultiAttachDisk", ACTION)];
  }
  return [];
}

export async function preflightSystemDiskReplacement(inputs: SystemDiskReplacementInputs): Promise<PreflightResult<SystemDiskFacts>> {
  const powerPolicy = inputs.powerPolicy ?? SYSTEM_DISK_DEFAULTS.powerPolicy;
  try {
    const regionId = await regionFor(inputs.regionId, async (r) => (await ecs().describeInstances(r, [inputs.instanceId])).length > 0);
    if (!regionId) {
      return { failures: [failure("regionId", `instance ${inputs.instanceId} was not found in any region: set regionId (or alicloud:region / ALIBABA_CLOUD_REGION_ID) and check the instance id`)], warnings: [] };
    }
    const [instance, image, disks] = await Promise.all([
      batcher().getInstance(regionId, inputs.instanceId),
      ecs().describeImage(regionId, inputs.imageId),
      ecs().describeDisks(regionId, { instanceId: inputs.instanceId }),
    ]);
    if (!instance) {
      return { failures: [ecsFailure("instanceId", `instance ${inputs.instanceId} does not exist in region ${regionId}`, "InvalidInstanceId.NotFound", ACTION)], warnings: [] };
    }
    const current = disks.find((d) => d.type === "system");
    const failures = [
      ...instanceProblems(instance, powerPolicy, "instanceId", ACTION),
      ...systemDiskProblems(current),
      ...imageProblems(inputs, image, regionId),
      ...(await keyPairProblems(inputs, regionId, image)),
    ];
    if (safetySnapshotEnabled(inputs.safetySnapshot)) {
      failures.push(...(current ? await safetySnapshotProblems(regionId, [current], instance) : [failure("safetySnapshot", `instance ${instance.instanceId} shows no system disk to snapshot`)]));
    }
    const size = image ? sizeProblems(inputs, image, current) : { failures: [], target: inputs.systemDiskSize ?? 0 };
    failures.push(...size.failures);
    const facts: SystemDiskFacts = {
      regionId,
      instanceId: instance.instanceId,
      instanceStatus: instance.status,
      powerPolicy,
      currentImageId: instance.imageId,
      currentSystemDiskId: current?.diskId,
      currentSizeGiB: current?.size,
      imageId: inputs.imageId,
      imageSizeGiB: image?.size ?? 0,
      osType: image?.osType ?? instance.osType,
      targetSizeGiB: size.target,
      login: loginOf(inputs),
    };
    return { failures, warnings: [], facts };
  } catch (err) {
    if (isTransient(err)) return { failures: [], warnings: [transientWarning("SystemDiskReplacement", err)] };
    return { failures: [preflightError("instanceId", err)], warnings: [] };
  }
}
