// Tag reads that lag tag writes. ECS keeps tags in a tag service of its own: a read (ListTagResources,
// the Tags of DescribeInstances/DescribeDisks/...) may not show a write that was just acknowledged.
// With a lag L > 0, every read of a resource's tags shows them as they were at a moment drawn from
// [now - L, now]; writes always apply to the current tags (a merge never loses a key). L = 0 (the
// default) is a read-your-writes cloud. The provider's assumption about L is in docs/CRASH-SAFETY.md.
import type { Tag } from "./types";

interface Version {
  /** The tags this resource had until `until` (ms since epoch, exclusive). */
  tags: Tag[];
  until: number;
}

export class TagHistory {
  private readonly past = new WeakMap<object, Version[]>();

  /**
   * @param lagMs the largest lag (ms, already scaled by the time scale); 0 = reads see every write.
   * @param random source of the lag drawn per read.
   */
  constructor(
    readonly lagMs: number,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  /** Replaces a record's tags, remembering the old ones for lagging reads. */
  write(record: { Tags?: Tag[] }, next: Tag[]): void {
    if (this.lagMs > 0) {
      const t = this.now();
      const versions = (this.past.get(record) ?? []).filter((v) => v.until > t - this.lagMs);
      versions.push({ tags: (record.Tags ?? []).map((x) => ({ ...x })), until: t });
      this.past.set(record, versions);
    }
    record.Tags = next;
  }

  /** The tags a read sees now: the current ones, or (with a lag) those of a moment up to lagMs ago. */
  read(record: { Tags?: Tag[] }): Tag[] {
    const current = record.Tags ?? [];
    if (this.lagMs <= 0) return current;
    const versions = this.past.get(record);
    if (!versions?.length) return current;
    const at = this.now() - this.random() * this.lagMs;
    return versions.find((v) => v.until > at)?.tags ?? current;
  }
}
