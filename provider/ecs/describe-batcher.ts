// Shared polling inside one provider process: every getDisk/getInstance/getSnapshot asked within a
// short window for the same region joins ONE DescribeDisks/DescribeInstances/DescribeSnapshots call
// (up to 100 ids), so many concurrent waiters and preflights cost a handful of calls instead of
// one each. A batch goes when it is full, when no new id came for a tenth of the window, or when
// the window is over.
import type { DiskInfo, EcsApi, InstanceInfo, SnapshotInfo } from "./api";
import { MAX_IDS_PER_CALL } from "./paging";
import { batchWindowMs } from "./timing";
import { now as clockNow } from "./process-scope";

type BatchApi = Pick<EcsApi, "describeDisks" | "describeInstances"> & Partial<Pick<EcsApi, "describeSnapshots">>;

export interface DescribeBatcherOptions {
  /** Longest the first request of a batch waits for company (default timing.ts batchWindowMs(); env DISKOPS_BATCH_WINDOW_MS). */
  windowMs?: number;
}

interface Waiter<T> {
  resolve: (value: T | undefined) => void;
  reject: (err: unknown) => void;
}

/** One pending batch: ids (in order) and who waits for each. */
interface Batch<T> {
  waiters: Map<string, Waiter<T>[]>;
  timer?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

/** Coalesces lookups of one kind (disks or instances) per region. */
class Coalescer<T> {
  private readonly pending = new Map<string, Batch<T>>();

  private readonly idleMs: number;

  constructor(
    private readonly windowMs: number,
    private readonly fetch: (regionId: string, ids: string[]) => Promise<T[]>,
    private readonly idOf: (item: T) => string,
  ) {
    this.idleMs = Math.max(1, Math.floor(windowMs / 10));
  }

  /** The last answer per region/id and when it came (not found = undefined value). */
  private readonly answers = new Map<string, { at: number; value: T | undefined }>();

  get(regionId: string, id: string, maxAgeMs = 0): Promise<T | undefined> {
    const known = maxAgeMs > 0 ? this.answers.get(`${regionId}/${id}`) : undefined;
    if (known && clockNow() - known.at <= maxAgeMs) return Promise.resolve(known.value);
    return new Promise((resolve, reject) => {
      let batch = this.pending.get(regionId);
      if (!batch) {
        const fresh: Batch<T> = { waiters: new Map() };
        batch = fresh;
        this.pending.set(regionId, fresh);
        fresh.timer = setTimeout(() => this.flush(regionId, fresh), this.windowMs);
      }
      const list = batch.waiters.get(id) ?? [];
      list.push({ resolve, reject });
      batch.waiters.set(id, list);
      // A full batch goes at once; later requests start the next one.
      if (batch.waiters.size >= MAX_IDS_PER_CALL) return this.flush(regionId, batch);
      // A burst of requests keeps the batch open; a lull sends it.
      const open = batch;
      clearTimeout(open.idle);
      open.idle = setTimeout(() => this.flush(regionId, open), this.idleMs);
    });
  }

  private flush(regionId: string, batch: Batch<T>): void {
    clearTimeout(batch.timer);
    clearTimeout(batch.idle);
    if (this.pending.get(regionId) === batch) this.pending.delete(regionId);
    const ids = [...batch.waiters.keys()];
    this.fetch(regionId, ids).then(
      (items) => {
        const byId = new Map(items.map((item) => [this.idOf(item), item]));
        const at = clockNow();
        for (const [id, waiters] of batch.waiters) {
          this.answers.set(`${regionId}/${id}`, { at, value: byId.get(id) });
          waiters.forEach((w) => w.resolve(byId.get(id)));
        }
      },
      (err) => {
        for (const waiters of batch.waiters.values()) waiters.forEach((w) => w.reject(err));
      },
    );
  }
}

export class DescribeBatcher {
  private readonly disks: Coalescer<DiskInfo>;
  private readonly instances: Coalescer<InstanceInfo>;
  private readonly snapshots: Coalescer<SnapshotInfo>;

  private readonly windowMs: number;

  constructor(
    private readonly api: BatchApi,
    opts: DescribeBatcherOptions = {},
  ) {
    const windowMs = opts.windowMs ?? batchWindowMs();
    this.windowMs = windowMs;
    this.disks = new Coalescer(windowMs, (regionId, diskIds) => api.describeDisks(regionId, { diskIds }), (d) => d.diskId);
    this.instances = new Coalescer(windowMs, (regionId, ids) => api.describeInstances(regionId, ids), (i) => i.instanceId);
    this.snapshots = new Coalescer(
      windowMs,
      (regionId, ids) => {
        if (!api.describeSnapshots) throw new Error("DescribeBatcher: this api has no describeSnapshots");
        return api.describeSnapshots(regionId, ids);
      },
      (s) => s.snapshotId,
    );
  }

  private readonly progressing = new Map<string, Promise<SnapshotInfo[]>>();
  private readonly progressingAnswer = new Map<string, { at: number; value: SnapshotInfo[] }>();

  /**
   * Every snapshot of the region still being made (one DescribeSnapshots Status=progressing listing,
   * shared by everyone who asks while it is in flight and for one window after; `maxAgeMs` as for getDisk).
   */
  progressingSnapshots(regionId: string, maxAgeMs = 0): Promise<SnapshotInfo[]> {
    const known = this.progressingAnswer.get(regionId);
    if (known && maxAgeMs > 0 && clockNow() - known.at <= maxAgeMs) return Promise.resolve(known.value);
    let list = this.progressing.get(regionId);
    if (!list) {
      const api = this.api;
      list = (async () => {
        if (!api.describeSnapshots) throw new Error("DescribeBatcher: this api has no describeSnapshots");
        return api.describeSnapshots(regionId, [], { status: "progressing" });
      })();
      this.progressing.set(regionId, list);
      list.then((value) => this.progressingAnswer.set(regionId, { at: clockNow(), value }), () => undefined);
      const forget = () => setTimeout(() => this.progressing.get(regionId) === list && this.progressing.delete(regionId), this.windowMs);
      list.then(forget, forget);
    }
    return list;
  }

  /** The snapshot as ECS reports it now, or undefined when ECS does not know it. */
  getSnapshot(regionId: string, snapshotId: string, maxAgeMs?: number): Promise<SnapshotInfo | undefined> {
    return this.snapshots.get(regionId, snapshotId, maxAgeMs);
  }

  /**
   * The disk as ECS reports it now, or undefined when ECS does not know it. With `maxAgeMs`, an
   * answer this process got at most that long ago will do (for reads that repeat one just made).
   */
  getDisk(regionId: string, diskId: string, maxAgeMs?: number): Promise<DiskInfo | undefined> {
    return this.disks.get(regionId, diskId, maxAgeMs);
  }

  /** The instance as ECS reports it now, or undefined when ECS does not know it (`maxAgeMs` as for getDisk). */
  getInstance(regionId: string, instanceId: string, maxAgeMs?: number): Promise<InstanceInfo | undefined> {
    return this.instances.get(regionId, instanceId, maxAgeMs);
  }
}

const batchers = new WeakMap<object, DescribeBatcher>();

/** The one batcher of this process for an EcsApi instance (created on first use). */
export function batcherFor(api: BatchApi, opts?: DescribeBatcherOptions): DescribeBatcher {
  let batcher = batchers.get(api);
  if (!batcher) {
    batcher = new DescribeBatcher(api, opts);
    batchers.set(api, batcher);
  }
  return batcher;
}
