// Disk content as an opaque version: a write gives a fresh one, a snapshot keeps its disk's, a
// reset takes the snapshot's, a new system disk takes its image's. Only the admin API shows it,
// so a test can prove that an undo brought the data back.
import { randomBytes } from "crypto";

export function freshContentVersion(): string {
  return `v-${randomBytes(8).toString("hex")}`;
}

/** The version a seeded (or older persisted) resource starts with: stable, derived from its id. */
export function seedContentVersion(id: string): string {
  return `v-seed-${id}`;
}

/** The resource's version; records persisted before versions existed get their seed version. */
export function contentVersionOf(r: { ContentVersion?: string }, id: string): string {
  return r.ContentVersion || seedContentVersion(id);
}
