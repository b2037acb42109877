// PageNumber / PageSize paging as the Describe* actions do it.
import type { Params } from "../protocol/params";

export function page<T>(all: T[], params: Params, maxPageSize = 100): { items: T[]; PageNumber: number; PageSize: number; TotalCount: number } {
  const PageNumber = params.int("PageNumber", { min: 1 }) ?? 1;
  const PageSize = params.int("PageSize", { min: 1, max: maxPageSize }) ?? 10;
  const start = (PageNumber - 1) * PageSize;
  return { items: all.slice(start, start + PageSize), PageNumber, PageSize, TotalCount: all.length };
}
