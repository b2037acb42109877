// Id chunking and page following for Describe* calls (ECS takes at most 100 ids per call).

export const MAX_IDS_PER_CALL = 100;

export function uniqueIds(ids: string[]): string[] {
  return [...new Set(ids.filter((id) => id !== ""))];
}

export function chunk<T>(items: T[], size: number = MAX_IDS_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface Page<T> {
  items: T[];
  totalCount?: number;
}

/** Fetch pages 1, 2, ... until a short page, an empty page or totalCount items. */
export async function collectPages<T>(fetchPage: (pageNumber: number) => Promise<Page<T>>, pageSize: number): Promise<T[]> {
  const all: T[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const { items, totalCount } = await fetchPage(pageNumber);
    all.push(...items);
    const done = items.length === 0 || items.length < pageSize || (totalCount !== undefined && all.length >= totalCount);
    if (done) return all;
  }
}
