// Id and timestamp helpers shared by the model and the actions.
import { randomBytes, randomUUID } from "crypto";

/** An id in ECS style: prefix + 20 lowercase alphanumerics, e.g. d-bp1e4k3w1x0f9n2a7c5q. */
export function newResourceId(prefix: "d" | "s" | "i" | "m"): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(20);
  let out = "bp1";
  for (let i = 0; i < 17; i++) out += alphabet[bytes[i] % alphabet.length];
  return `${prefix}-${out}`;
}

export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** ECS renders times as ISO-8601 UTC without milliseconds. */
export function isoNow(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
