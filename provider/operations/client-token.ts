// A stable ClientToken per intended system-disk replacement, so a retried call or a re-run after
// a crash is recognised by ECS as the same request and never replaces the disk twice.
//
// Consequence: an identical re-create (same instance, same parameters, same triggers) is the same
// replacement and returns the disk the first one made. Change `triggers` to force a new one.
import { createHash } from "crypto";

export interface ClientTokenInput {
  instanceId: string;
  imageId: string;
  systemDiskSize?: number;
  keyPairName?: string;
  encrypted?: boolean;
  kmsKeyId?: string;
  password?: string;
  passwordInherit?: boolean;
  triggers?: unknown;
  /**
   * What this replacement starts from: the system disk recorded by the previous successful run
   * (update), or CREATE_BASIS for a resource's first run.
   */
  basis: string;
  /**
   * The stack asking (its owner id): the same replacement asked for by two stacks is two requests,
   * not one ECS would answer twice with the first one's disk. Absent: the token of earlier versions.
   */
  owner?: string;
}

export const CREATE_BASIS = "create";
const PREFIX = "diskops-";
/** ECS accepts ASCII ClientTokens of at most 64 characters. */
const MAX_LENGTH = 64;

export function replacementClientToken(input: ClientTokenInput): string {
  const material = canonicalJson({
    v: 1,
    instanceId: input.instanceId,
    imageId: input.imageId,
    systemDiskSize: input.systemDiskSize ?? null,
    keyPairName: input.keyPairName ?? null,
    encrypted: input.encrypted ?? null,
    kmsKeyId: input.kmsKeyId ?? null,
    // Only WHETHER a password is set: the token is stored in plain state, and a hash of the
    // password in it would let anyone with the state test password guesses offline. A password
    // change is still a new replacement, because an update's basis is the previous system disk.
    password: input.password ? true : null,
    passwordInherit: input.passwordInherit ?? null,
    triggers: input.triggers ?? null,
    basis: input.basis,
    ...(input.owner ? { owner: input.owner } : {}),
  });
  return (PREFIX + sha256(material)).slice(0, MAX_LENGTH);
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value as object)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}
