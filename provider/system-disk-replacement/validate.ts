// check, part 1 for SystemDiskReplacement: every input judged locally, before anything is sent.
import { SystemDiskReplacementInputs } from "./types";
import { SYSTEM_DISK_CHANGES } from "./changes";
import { inputsFrom, unknownInputs, validateCommonSettings } from "../common/validate";
import {
  CheckFailure,
  SECURITY_STRATEGIES,
  checkBoolean,
  checkId,
  checkOneOf,
  checkPassword,
  compact,
  containsUnknown,
  describeType,
  failure,
  isGiven,
  isUnknown,
} from "../common/validation-rules";

export type { CheckFailure } from "../common/validation-rules";

export const SYSTEM_DISK_TIMEOUT_KEYS = ["stop", "replace", "start"] as const;
/** SystemDisk.Size range in GiB (the image and the current disk may raise the minimum). */
export const SYSTEM_DISK_MIN_GIB = 20;
export const SYSTEM_DISK_MAX_GIB = 500;
export const KMS_KEY_ID_MAX = 64;

function required(value: unknown, property: string, what: string): CheckFailure | undefined {
  return isGiven(value) ? undefined : failure(property, `is required: ${what}`);
}

export function checkSystemDiskSize(value: unknown): CheckFailure | undefined {
  if (!isGiven(value) || isUnknown(value)) return undefined;
  const range = `a whole number of GiB from ${SYSTEM_DISK_MIN_GIB} to ${SYSTEM_DISK_MAX_GIB}`;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return failure("systemDiskSize", `must be ${range}, got ${describeType(value)}`);
  }
  if (value < SYSTEM_DISK_MIN_GIB || value > SYSTEM_DISK_MAX_GIB) {
    return failure("systemDiskSize", `${value} GiB is out of range: must be ${range}`);
  }
  return undefined;
}

/** How the new system disk is logged into: one of password, passwordInherit, keyPairName. */
function checkLoginCombination(news: Record<string, unknown>): CheckFailure[] {
  const out: CheckFailure[] = [];
  // A value not known yet may still turn out undefined: only known values conflict.
  const known = (v: unknown) => isGiven(v) && !containsUnknown(v);
  const password = known(news.password);
  const inherit = news.passwordInherit === true;
  const keyPair = known(news.keyPairName);
  if (password && inherit) {
    out.push(failure("passwordInherit", "cannot be true together with password: the image's preset password is kept only when no password is given (InvalidPasswordParam.Mismatch); drop one of them"));
  }
  if (keyPair && password) {
    out.push(failure("keyPairName", "cannot be combined with password: give either a key pair (Linux) or a password"));
  }
  if (keyPair && inherit) {
    out.push(failure("keyPairName", "cannot be combined with passwordInherit: give either a key pair or passwordInherit"));
  }
  return out;
}

function checkEncryption(news: Record<string, unknown>): CheckFailure[] {
  const out = compact([checkBoolean(news.encrypted, "encrypted")]);
  const kms = news.kmsKeyId;
  if (!isGiven(kms) || isUnknown(kms)) return out;
  if (typeof kms !== "string" || kms.length === 0 || kms.length > KMS_KEY_ID_MAX) {
    out.push(failure("kmsKeyId", `must be a KMS key id of 1 to ${KMS_KEY_ID_MAX} characters, got ${describeType(kms)}`));
  } else if (news.encrypted !== true && !isUnknown(news.encrypted)) {
    out.push(failure("kmsKeyId", "is allowed only with encrypted: true (InvalidEncrypted.NotMatchKmsKeyId): set encrypted: true or drop kmsKeyId"));
  }
  return out;
}

export function validateSystemDiskReplacement(
  news: Record<string, any>,
): { inputs: SystemDiskReplacementInputs; failures: CheckFailure[] } {
  const failures = compact([
    unknownInputs(news, Object.keys(SYSTEM_DISK_CHANGES)),
    required(news.instanceId, "instanceId", "the id of the instance whose system disk is replaced (i-...)") ??
      checkId(news.instanceId, "instance", "instanceId"),
    required(news.imageId, "imageId", "the image the new system disk is created from (m-... or a public image id)") ??
      checkId(news.imageId, "image", "imageId"),
    checkSystemDiskSize(news.systemDiskSize),
    checkPassword(news.password),
    checkBoolean(news.passwordInherit, "passwordInherit"),
    isGiven(news.keyPairName) ? checkId(news.keyPairName, "keyPair", "keyPairName") : undefined,
    checkLoginCombination(news),
    checkEncryption(news),
    checkOneOf(news.securityEnhancementStrategy, SECURITY_STRATEGIES, "securityEnhancementStrategy"),
    checkBoolean(news.useAdditionalService, "useAdditionalService"),
    validateCommonSettings(news, SYSTEM_DISK_TIMEOUT_KEYS),
  ]);
  return { inputs: inputsFrom(news) as unknown as SystemDiskReplacementInputs, failures };
}
