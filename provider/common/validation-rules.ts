// Building blocks of input validation (check): unknown-value handling, id shapes, durations,
// the ECS password policy. Pure functions; each resource's validate.ts combines them.
import { parseDurationSeconds } from "../operations/timeouts";
import { Duration, UNKNOWN } from "./types";

export interface CheckFailure {
  property: string;
  reason: string;
}

export function failure(property: string, reason: string): CheckFailure {
  return { property, reason };
}

/** A value Pulumi does not know yet (preview): never judged. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when the value or anything nested in it is unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

// Pulumi's wire form of a secret. The dynamic provider tells the engine it does not accept
// secrets, so they normally arrive plain; a secret that arrives wrapped anyway (another engine,
// a future plugin) is judged by its value and stays a secret in what check returns.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretValue(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

export function secretValue(value: unknown): unknown {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** True when the value is, or contains, a wrapped secret. */
export function containsSecret(value: unknown): boolean {
  if (isSecretValue(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsSecret);
  return false;
}

/** A deep copy with every wrapped secret replaced by its plain value. */
export function unwrapSecrets<T>(value: T): T {
  if (isSecretValue(value)) return unwrapSecrets(value.value) as T;
  if (Array.isArray(value)) return value.map(unwrapSecrets) as unknown as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = unwrapSecrets(v);
    return out as T;
  }
  return value;
}

/** Present in the program (neither undefined nor null). */
export function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

// Id shapes. Real ids are a prefix, a dash and lower-case letters/digits (d-bp199lyny9b3****);
// demo and older ids contain more dashes or upper case (d-demo-web-1-data-1). Lenient on
// purpose: preflight asks ECS whether the id exists; this only catches a wrong kind of id.
const ID_BODY = "[A-Za-z0-9][A-Za-z0-9_*-]{0,127}";
export const ID_SHAPES = {
  instance: { pattern: new RegExp(`^i-${ID_BODY}$`), example: "i-bp67acfmxazb4ph****" },
  disk: { pattern: new RegExp(`^d-${ID_BODY}$`), example: "d-bp199lyny9b3****" },
  snapshot: { pattern: new RegExp(`^s-${ID_BODY}$`), example: "s-bp199lyny9b3****" },
  // Custom images are m-…; public images are names such as ubuntu_22_04_x64_20G_alibase_20240101.vhd.
  image: {
    pattern: /^(m-[A-Za-z0-9][A-Za-z0-9_*-]{0,127}|(?!m-)[A-Za-z][A-Za-z0-9_.-]{1,127})$/,
    example: "m-bp67acfmxazb4ph**** or ubuntu_22_04_x64_20G_alibase_20240101.vhd",
  },
  region: { pattern: /^[a-z]{2,}(-[a-z0-9]+){1,4}$/, example: "cn-hangzhou" },
  // CreateKeyPair: 2-128 characters, starts with a letter, then letters, digits, ".", "_", "-", ":".
  keyPair: { pattern: /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5._:-]{1,127}$/, example: "my-keypair" },
} as const;
export type IdKind = keyof typeof ID_SHAPES;

const ID_NOUN: Record<IdKind, string> = {
  instance: "an instance id",
  disk: "a disk id",
  snapshot: "a snapshot id",
  image: "an image id",
  region: "a region id",
  keyPair: "a key pair name",
};

/** A failure unless `value` is unknown or a string of the id's shape. */
export function checkId(value: unknown, kind: IdKind, property: string): CheckFailure | undefined {
  if (isUnknown(value)) return undefined;
  const shape = ID_SHAPES[kind];
  if (typeof value !== "string") {
    return failure(property, `must be ${ID_NOUN[kind]} (a string such as ${shape.example}), got ${describeType(value)}`);
  }
  if (value.trim() === "") return failure(property, `is empty: expected ${ID_NOUN[kind]} such as ${shape.example}`);
  if (value.trim() !== value && shape.pattern.test(value.trim())) {
    return failure(property, `${JSON.stringify(value)} has leading or trailing spaces: write ${JSON.stringify(value.trim())}`);
  }
  if (!shape.pattern.test(value)) {
    return failure(property, `${JSON.stringify(value)} is not ${ID_NOUN[kind]}: expected the shape ${shape.example}`);
  }
  return undefined;
}

export function checkBoolean(value: unknown, property: string): CheckFailure | undefined {
  if (!isGiven(value) || isUnknown(value) || typeof value === "boolean") return undefined;
  return failure(property, `must be true or false, got ${describeType(value)}`);
}

export function checkOneOf(value: unknown, allowed: readonly string[], property: string): CheckFailure | undefined {
  if (!isGiven(value) || isUnknown(value)) return undefined;
  if (typeof value === "string" && allowed.includes(value)) return undefined;
  return failure(property, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describeType(value)}`);
}

/** A positive duration in seconds, or a failure naming `property` (operations/timeouts.ts parses). */
export function parseDuration(value: Duration, property: string): number | CheckFailure {
  const allowed = 'a positive number of seconds (90) or a duration string such as "90s", "10m", "1h"';
  const seconds = parseDurationSeconds(value);
  if (seconds === undefined) return failure(property, `must be ${allowed}, got ${describeType(value)}`);
  if (seconds <= 0) return failure(property, `must be positive: ${allowed}, got ${describeType(value)}`);
  return seconds;
}

export function isFailure(value: unknown): value is CheckFailure {
  return typeof value === "object" && value !== null && "reason" in value && "property" in value;
}

/** Validates `timeouts`: an object with only `keys`, each a parseable positive duration. */
export function checkTimeouts(value: unknown, keys: readonly string[], property = "timeouts"): CheckFailure[] {
  if (!isGiven(value) || isUnknown(value)) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    return [failure(property, `must be an object with any of ${keys.join(", ")}, got ${describeType(value)}`)];
  }
  const out: CheckFailure[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const prop = `${property}.${key}`;
    if (!keys.includes(key)) {
      out.push(failure(prop, `unknown timeout ${JSON.stringify(key)}: allowed are ${keys.join(", ")}`));
      continue;
    }
    if (!isGiven(v) || isUnknown(v)) continue;
    const parsed = parseDuration(v as Duration, prop);
    if (isFailure(parsed)) out.push(parsed);
  }
  return out;
}

/** Seconds of each given timeout (unknown or invalid ones left out). */
export function timeoutSeconds(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!isGiven(v) || isUnknown(v)) continue;
    const parsed = parseDuration(v as Duration, key);
    if (!isFailure(parsed)) out[key] = parsed;
  }
  return out;
}

// ECS password policy (ReplaceSystemDisk `Password`): 8-30 characters, at least three of upper
// case, lower case, digits and these special characters.
export const PASSWORD_SPECIALS = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";
const PASSWORD_SPECIALS_SHOWN = PASSWORD_SPECIALS.split("").join(" ");

/** Reasons never contain the password or any part of it. */
export function checkPassword(value: unknown, property = "password"): CheckFailure | undefined {
  if (!isGiven(value) || isUnknown(value)) return undefined;
  const rule = `8-30 characters with at least three of: upper case, lower case, digits, special characters (${PASSWORD_SPECIALS_SHOWN})`;
  if (typeof value !== "string") return failure(property, `must be a string: ${rule}`);
  if (value.length < 8 || value.length > 30) {
    return failure(property, `has ${value.length} characters: must be ${rule}`);
  }
  const bad = [...value].filter((c) => !/[A-Za-z0-9]/.test(c) && !PASSWORD_SPECIALS.includes(c));
  if (bad.length > 0) {
    return failure(property, `contains ${bad.length} character(s) that are not allowed: use only letters, digits and ${PASSWORD_SPECIALS_SHOWN}`);
  }
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/].filter((r) => r.test(value)).length + ([...value].some((c) => PASSWORD_SPECIALS.includes(c)) ? 1 : 0);
  if (classes < 3) return failure(property, `uses only ${classes} kind(s) of character: must be ${rule}`);
  return undefined;
}

/** Collects the defined failures. */
export function compact(items: (CheckFailure | undefined | CheckFailure[])[]): CheckFailure[] {
  const out: CheckFailure[] = [];
  for (const item of items) {
    if (Array.isArray(item)) out.push(...item);
    else if (item) out.push(item);
  }
  return out;
}

export const POWER_POLICIES = ["restore", "start", "leave-stopped", "fail-if-running"] as const;
export const STOPPED_MODES = ["KeepCharging", "StopCharging"] as const;
export const STRATEGIES = ["per-disk", "batch"] as const;
export const SECURITY_STRATEGIES = ["Active", "Deactive"] as const;
