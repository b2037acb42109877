// Resource tags as ECS documents them: at most 20 per resource, keys unique, an existing key is
// overwritten. Pure helpers over the records' `Tags`; the API checks live in actions/tags.ts.
import type { Cloud } from "./cloud";
import type { DiskRecord, ImageRecord, InstanceRecord, SnapshotRecord, Tag } from "./types";

export const MAX_TAGS_PER_RESOURCE = 20;

export type TaggableType = "instance" | "disk" | "snapshot" | "image";
export const TAGGABLE_TYPES: readonly TaggableType[] = ["instance", "disk", "snapshot", "image"];

export type TaggableRecord = InstanceRecord | DiskRecord | SnapshotRecord | ImageRecord;

/** The record's tags (records persisted before tags existed have none). */
export function tagsOf(r: { Tags?: Tag[] }): Tag[] {
  return r.Tags ?? [];
}

/** The tags after adding `tags`: existing keys take the new value, new keys go last. */
export function mergedTags(current: Tag[], tags: Tag[]): Tag[] {
  const out = current.map((t) => ({ ...t }));
  for (const t of tags) {
    const same = out.find((x) => x.TagKey === t.TagKey);
    if (same) same.TagValue = t.TagValue;
    else out.push({ TagKey: t.TagKey, TagValue: t.TagValue });
  }
  return out;
}

/** Describe* `Tag.N.Key`/`Tag.N.Value` filters: every key must be present (with that value when given). */
export function matchesTags(tags: Tag[], filters: { key: string; value?: string }[]): boolean {
  return filters.every((f) => tags.some((t) => t.TagKey === f.key && (f.value === undefined || t.TagValue === f.value)));
}

/** The record of a taggable resource, by type and id (undefined when unknown or in another region). */
export function taggable(cloud: Cloud, type: TaggableType, id: string, regionId: string): TaggableRecord | undefined {
  const map = { instance: cloud.instances, disk: cloud.disks, snapshot: cloud.snapshots, image: cloud.images }[type] as Map<string, TaggableRecord>;
  const r = map.get(id);
  return r && r.RegionId === regionId ? r : undefined;
}

/** Every resource of a type in a region, in creation order. */
export function taggables(cloud: Cloud, type: TaggableType, regionId: string): [string, TaggableRecord][] {
  const map = { instance: cloud.instances, disk: cloud.disks, snapshot: cloud.snapshots, image: cloud.images }[type] as Map<string, TaggableRecord>;
  return [...map.entries()].filter(([, r]) => r.RegionId === regionId);
}
