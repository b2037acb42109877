// Sliding-window flow control per access key and action (windows are real time, never scaled).
// Keyed by action name as a string: actions added later get their defaults here without typing churn.

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

const per = (limit: number, windowSeconds = 60): RateLimit => ({ limit, windowSeconds });

/**
 * Calls per 60 s. ResetDisk(s) 500 and ReplaceSystemDisk 200 are the seeds' documented limits.
 * ECS shows the others per account in Quota Center, not in its API pages: these are of the same
 * order, mutating actions lower than reads. Overridable per action (rateLimits / README).
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  ResetDisk: per(500),
  ResetDisks: per(500),
  ReplaceSystemDisk: per(200),
  StopInstance: per(500),
  StopInstances: per(500),
  StartInstance: per(500),
  StartInstances: per(500),
  CreateSnapshot: per(500),
  DeleteSnapshot: per(500),
  CreateImage: per(200),
  TagResources: per(500),
  UntagResources: per(500),
  ListTagResources: per(1000),
  DescribeTags: per(1000),
  DescribeInstances: per(2000),
  DescribeInstanceStatus: per(2000),
  DescribeDisks: per(2000),
  DescribeSnapshots: per(2000),
  DescribeImages: per(2000),
  DescribeKeyPairs: per(2000),
  DescribeRegions: per(2000),
};

export class RateLimiter {
  private hits = new Map<string, number[]>();
  private limits: Record<string, RateLimit>;

  constructor(overrides: Record<string, RateLimit> = {}) {
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
