// TagResources, UntagResources, ListTagResources, and the Tag.N parameters other actions share
// (tags given at creation, Tag.N filters of the Describe* calls). Limits and codes as ECS documents them.
import type { Cloud } from "../model/cloud";
import {
  matchesTags,
  MAX_TAGS_PER_RESOURCE,
  mergedTags,
  TAGGABLE_TYPES,
  taggable,
  taggables,
  tagsOf,
  type TaggableRecord,
  type TaggableType,
} from "../model/tags";
import type { ImageRecord, Tag } from "../model/types";
import { apiError, invalid, missing } from "../protocol/errors";
import type { Params } from "../protocol/params";
import type { ActionDef } from "./context";
import { regionParam } from "./preconditions";

const MAX_RESOURCE_IDS = 50;
const MAX_TAGS_PER_CALL = 20;
const MAX_KEY = 128;
const MAX_VALUE = 128;
const LIST_PAGE = 50;
/** Far above every documented N, so that too many items get the documented code, not InvalidParameter. */
const ANY_N = 10_000;

const hasUrl = (s: string) => /https?:\/\//i.test(s);

export function isValidTagKey(key: string): boolean {
  return key.length >= 1 && key.length <= MAX_KEY && !/^aliyun/i.test(key) && !/^acs:/i.test(key) && !hasUrl(key);
}

export function isValidTagValue(value: string): boolean {
  return value.length <= MAX_VALUE && !hasUrl(value);
}

/** `Tag.N.Key`/`Tag.N.Value` of a mutating call: 1–20 valid, distinct keys (none at all is allowed). */
export function tagParams(params: Params): Tag[] {
  const raw = params.repeatedObjects("Tag", ["Key", "Value"], ANY_N);
  if (raw.length > MAX_TAGS_PER_CALL) throw apiError("NumberExceed.Tags", params.action);
  const tags = raw.map(({ index, values }) => {
    const key = values.Key;
    // Value may be empty: repeatedObjects gives undefined for "", and the raw value tells them apart.
    const value = params.raw[`Tag.${index}.Value`] ?? "";
    if (key === undefined || !isValidTagKey(key)) throw apiError("InvalidTagKey.Malformed", params.action);
    if (!isValidTagValue(value)) throw apiError("InvalidTagValue.Malformed", params.action);
    return { TagKey: key, TagValue: value };
  });
  if (new Set(tags.map((t) => t.TagKey)).size !== tags.length) throw apiError("Duplicate.TagKey", params.action);
  return tags;
}

/** `Tag.N.Key` (+ optional `Tag.N.Value`) filters of the Describe* calls and ListTagResources. */
export function tagFilters(params: Params): { key: string; value?: string }[] {
  const raw = params.repeatedObjects("Tag", ["Key", "Value"], ANY_N);
  if (raw.length > MAX_TAGS_PER_CALL) throw apiError("NumberExceed.Tags", params.action);
  return raw.map(({ values }) => {
    if (values.Key === undefined) throw apiError("InvalidParameter.TagValue", params.action);
    return { key: values.Key, value: values.Value };
  });
}

function resourceType(params: Params): TaggableType {
  const raw = params.str("ResourceType");
  if (raw === undefined) throw apiError("MissingParameter.ResourceType", params.action);
  const type = raw.toLowerCase() as TaggableType;
  if (!TAGGABLE_TYPES.includes(type)) throw apiError("InvalidResourceType.NotFound", params.action);
  return type;
}

function resourceIds(params: Params, required: boolean): string[] {
  const ids = params.repeated("ResourceId", ANY_N);
  if (ids.length > MAX_RESOURCE_IDS) throw apiError("NumberExceed.ResourceIds", params.action);
  if (required && ids.length === 0) throw missing("ResourceId.1", params.action);
  return [...new Set(ids)];
}

/** Every named resource must exist (all or nothing, as ECS does). */
function targets(cloud: Cloud, params: Params): { type: TaggableType; records: TaggableRecord[] } {
  const region = regionParam(params);
  const type = resourceType(params);
  const records = resourceIds(params, true).map((id) => {
    const r = taggable(cloud, type, id, region);
    if (!r) throw apiError("InvalidResourceId.NotFound", params.action);
    return r;
  });
  return { type, records };
}

const tagResources: ActionDef = {
  mutates: true,
  handle({ cloud, params, action }) {
    const { type, records } = targets(cloud, params);
    const tags = tagParams(params);
    if (tags.length === 0) throw apiError("MissingParameter.Tags", action);
    if (type === "image" && records.some((r) => (r as ImageRecord).ImageOwnerAlias !== "self")) {
      throw apiError("InvalidResourceId.NotSupported", action);
    }
    const next = records.map((r) => mergedTags(tagsOf(r), tags));
    if (next.some((t) => t.length > MAX_TAGS_PER_RESOURCE)) throw apiError("OperationDenied.QuotaExceed", action);
    records.forEach((r, i) => cloud.tags.write(r, next[i]));
    return {};
  },
};

const untagResources: ActionDef = {
  mutates: true,
  handle({ cloud, params, action }) {
    const { records } = targets(cloud, params);
    const keys = params.repeated("TagKey", ANY_N);
    if (keys.length > MAX_TAGS_PER_CALL) throw apiError("NumberExceed.Tags", action);
    const all = params.bool("All") ?? false;
    // ECS: All applies only when no TagKey.N is given.
    if (keys.length === 0 && !all) throw missing("TagKey.1", action);
    for (const r of records) cloud.tags.write(r, keys.length > 0 ? tagsOf(r).filter((t) => !keys.includes(t.TagKey)) : []);
    return {};
  },
};

/** NextToken is the offset of the next item, opaque to callers. */
function decodeToken(params: Params): number {
  const token = params.str("NextToken");
  if (token === undefined) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m) throw invalid("NextToken", params.action);
  return Number(m[1]);
}
const encodeToken = (offset: number) => Buffer.from(`o:${offset}`, "utf8").toString("base64url");

/** Tag.N filters and/or ResourceId.N (at least one); unknown ids simply match nothing. */
const listTagResources: ActionDef = {
  mutates: false,
  handle({ cloud, params, action }) {
    const region = regionParam(params);
    const type = resourceType(params);
    const ids = resourceIds(params, false);
    const filters = tagFilters(params);
    if (ids.length === 0 && filters.length === 0) throw missing("ResourceId.1", action);
    const pageSize = params.int("MaxResults", { min: 1, max: 1000 }) ?? LIST_PAGE;
    const offset = decodeToken(params);
    const rows = taggables(cloud, type, region)
      .filter(([id]) => ids.length === 0 || ids.includes(id))
      .map(([id, r]) => [id, cloud.tags.read(r)] as const) // one (possibly lagging) read per resource
      .filter(([, tags]) => matchesTags(tags, filters))
      .flatMap(([id, tags]) => tags.map((t) => ({ ResourceId: id, ResourceType: type, TagKey: t.TagKey, TagValue: t.TagValue })));
    const page = rows.slice(offset, offset + pageSize);
    const next = offset + pageSize < rows.length ? encodeToken(offset + pageSize) : "";
    return { TagResources: { TagResource: page }, NextToken: next };
  },
};

export const TAG_ACTIONS: Record<string, ActionDef> = {
  TagResources: tagResources,
  UntagResources: untagResources,
  ListTagResources: listTagResources,
};
