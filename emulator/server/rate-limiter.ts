// Sliding-window flow control per access key and action (windows are real time, never scaled).
import type { ActionName } from "../actions";

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

const per = (limit: number, windowSeconds = 60): RateLimit => ({ limit, windowSeconds });

/** ResetDisk and ReplaceSystemDisk from the seeds; the rest are ECS's usual defaults. */
export const DEFAULT_RATE_LIMITS: Record<ActionName, RateLimit> = {
  ResetDisk: per(500),
  ResetDisks: per(500),
  ReplaceSystemDisk: per(200),
  StopInstance: per(500),
  StopInstances: per(500),
  StartInstance: per(500),
  StartInstances: per(500),
  DescribeInstances: per(2000),
  DescribeDisks: per(2000),
  DescribeSnapshots: per(2000),
  DescribeImages: per(2000),
  DescribeKeyPairs: per(2000),
  DescribeRegions: per(2000),
  CreateSnapshot: per(500),
  DeleteSnapshot: per(500),
  CreateImage: per(100),
  TagResources: per(500),
  UntagResources: per(500),
  ListTagResources: per(2000),
};

export class RateLimiter {
  private hits = new Map<string, number[]>();
  private limits: Record<string, RateLimit>;

  constructor(overrides: Partial<Record<ActionName, RateLimit>> = {}) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  }

  /** Records the call and returns undefined, or returns the ms until a slot frees up. */
  take(accessKeyId: string, action: string, now = Date.now()): number | undefined {
    const limit = this.limits[action];
    if (!limit) return undefined;
    const key = `${accessKeyId}\n${action}`;
    const windowMs = limit.windowSeconds * 1000;
    const hits = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    if (hits.length >= limit.limit) {
      this.hits.set(key, hits);
      return Math.max(1, hits[0] + windowMs - now);
    }
    hits.push(now);
    this.hits.set(key, hits);
    return undefined;
  }
}
