// Paging as the Describe* actions do it: PageNumber/PageSize everywhere, and on the actions ECS
// documents it for (DescribeInstances, DescribeDisks, DescribeSnapshots) also NextToken/MaxResults,
// with NextToken in every answer ("" after the last page) whichever way the caller pages.
import { invalid } from "../protocol/errors";
import type { Params } from "../protocol/params";

export interface Page<T> {
  items: T[];
  PageNumber: number;
  PageSize: number;
  TotalCount: number;
}

const DEFAULT_PAGE_SIZE = 10;

export function page<T>(all: T[], params: Params, maxPageSize = 100): Page<T> {
  const PageNumber = params.int("PageNumber", { min: 1 }) ?? 1;
  const PageSize = params.int("PageSize", { min: 1, max: maxPageSize }) ?? DEFAULT_PAGE_SIZE;
  const start = (PageNumber - 1) * PageSize;
  return { items: all.slice(start, start + PageSize), PageNumber, PageSize, TotalCount: all.length };
}

/** MaxResults as each action documents it: values outside [min, max] are raised or lowered to it. */
export interface MaxResultsRange {
  min: number;
  max: number;
}

export interface TokenPage<T> extends Page<T> {
  NextToken: string;
}

// The token is opaque to callers: the action and the offset of the next item. An offset (not a
// last-seen id) is what keeps paging cheap over thousands of items; like ECS, a listing that
// changes between pages may show an item twice or skip one.
function encodeToken(action: string, offset: number): string {
  return Buffer.from(`${action}:${offset}`, "utf8").toString("base64url");
}

function decodeToken(params: Params): number {
  const token = params.str("NextToken");
  if (token === undefined) return 0;
  const m = /^([A-Za-z]+):(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m || m[1] !== params.action) throw invalid("NextToken", params.action);
  return Number(m[2]);
}

/**
 * NextToken/MaxResults when either is given (MaxResults default 10, or PageSize when only that is
 * given, as the aliyun CLI's pager sends it), else PageNumber/PageSize. TotalCount is the whole
 * listing's size either way (ECS calls it meaningless under NextToken paging).
 */
export function tokenPage<T>(all: T[], params: Params, maxPageSize: number, range: MaxResultsRange): TokenPage<T> {
  const next = (end: number) => (end < all.length ? encodeToken(params.action, end) : "");
  if (!params.has("NextToken") && !params.has("MaxResults")) {
    const p = page(all, params, maxPageSize);
    return { ...p, NextToken: next((p.PageNumber - 1) * p.PageSize + p.PageSize) };
  }
  const offset = decodeToken(params);
  const maxResults = params.int("MaxResults");
  const size =
    maxResults !== undefined
      ? Math.min(range.max, Math.max(range.min, maxResults))
      : params.int("PageSize", { min: 1, max: maxPageSize }) ?? Math.max(range.min, DEFAULT_PAGE_SIZE);
  return {
    items: all.slice(offset, offset + size),
    PageNumber: Math.floor(offset / size) + 1,
    PageSize: size,
    TotalCount: all.length,
    NextToken: next(offset + size),
  };
}
