// Id and timestamp helpers shared by the model and the actions.
import { randomBytes, randomUUID } from "crypto";

/**
 * Where new ids draw their randomness: crypto by default. The deterministic simulator installs a
 * seeded source (useIdEntropy) so that the same seed makes the same disk ids and request ids.
 */
let entropy: ((bytes: number) => Buffer) | undefined;

/** Replaces the randomness of new ids (undefined: back to crypto). Returns the previous source. */
export function useIdEntropy(source: ((bytes: number) => Buffer) | undefined): ((bytes: number) => Buffer) | undefined {
  const previous = entropy;
  entropy = source;
  return previous;
}

function bytes(n: number): Buffer {
  return entropy ? entropy(n) : randomBytes(n);
}

/** An id in ECS style: prefix + 20 lowercase alphanumerics, e.g. d-bp1e4k3w1x0f9n2a7c5q. */
export function newResourceId(prefix: "d" | "s" | "i" | "m"): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const random = bytes(20);
  let out = "bp1";
  for (let i = 0; i < 17; i++) out += alphabet[random[i] % alphabet.length];
  return `${prefix}-${out}`;
}

export function newRequestId(): string {
  if (!entropy) return randomUUID().toUpperCase();
  const h = bytes(16).toString("hex").toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** ECS renders times as ISO-8601 UTC without milliseconds. */
export function isoNow(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
