// Shared polling inside one provider process: every getDisk/getInstance asked within a short
// window for the same region joins ONE DescribeDisks/DescribeInstances call (up to 100 ids), so
// many concurrent waiters cost a handful of calls instead of one each.
import type { DiskInfo, EcsApi, InstanceInfo } from "./api";
import { MAX_IDS_PER_CALL } from "./paging";
import { batchWindowMs } from "./timing";

type BatchApi = Pick<EcsApi, "describeDisks" | "describeInstances">;

export interface DescribeBatcherOptions {
  /** How long the first request of a batch waits for company (default: half the minimum poll delay, at most 1 s; env DISKOPS_BATCH_WINDOW_MS). */
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
}

/** Coalesces lookups of one kind (disks or instances) per region. */
class Coalescer<T> {
  private readonly pending = new Map<string, Batch<T>>();

  constructor(
    private readonly windowMs: number,
    private readonly fetch: (regionId: string, ids: string[]) => Promise<T[]>,
    private readonly idOf: (item: T) => string,
  ) {}

  get(regionId: string, id: string): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      let batch = this.pending.get(regionId);
      if (!batch) {
        batch = { waiters: new Map() };
        this.pending.set(regionId, batch);
        batch.timer = setTimeout(() => this.flush(regionId, batch!), this.windowMs);
      }
      const list = batch.waiters.get(id) ?? [];
      list.push({ resolve, reject });
      batch.waiters.set(id, list);
      // A full batch goes at once; later requests start the next one.
      if (batch.waiters.size >= MAX_IDS_PER_CALL) this.flush(regionId, batch);
    });
  }

  private flush(regionId: string, batch: Batch<T>): void {
    clearTimeout(batch.timer);
    if (this.pending.get(regionId) === batch) this.pending.delete(regionId);
    const ids = [...batch.waiters.keys()];
    this.fetch(regionId, ids).then(
      (items) => {
        const byId = new Map(items.map((item) => [this.idOf(item), item]));
        for (const [id, waiters] of batch.waiters) waiters.forEach((w) => w.resolve(byId.get(id)));
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

  constructor(api: BatchApi, opts: DescribeBatcherOptions = {}) {
    const windowMs = opts.windowMs ?? batchWindowMs();
    this.disks = new Coalescer(windowMs, (regionId, diskIds) => api.describeDisks(regionId, { diskIds }), (d) => d.diskId);
    this.instances = new Coalescer(windowMs, (regionId, ids) => api.describeInstances(regionId, ids), (i) => i.instanceId);
  }

  /** The disk as ECS reports it now, or undefined when ECS does not know it. */
  getDisk(regionId: string, diskId: string): Promise<DiskInfo | undefined> {
    return this.disks.get(regionId, diskId);
  }

  /** The instance as ECS reports it now, or undefined when ECS does not know it. */
  getInstance(regionId: string, instanceId: string): Promise<InstanceInfo | undefined> {
    return this.instances.get(regionId, instanceId);
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
