// Writing the intent record for every instance this process holds, in as few calls as ECS allows.
// TagResources puts the same tags on up to 50 resources per call, UntagResources removes the same
// keys from up to 50: requests for the same region and the same tags (or keys) made within a short
// window join one call. A process working on a fleet writes the same record to every instance
// (record.ts), so 1000 instances cost about 20 calls per protocol step instead of 1000.
//
// One bad id fails a whole TagResources call; a batch that fails for a reason tied to one resource
// is sent again one instance at a time, so each caller gets its own answer. Retries, flow control
// and throttling are the EcsApi's (retry.ts, call-budget.ts), as for every action.
import type { EcsApi } from "../../ecs/api";
import { classifyError, EcsError } from "../../ecs/errors";
import { batchWindowMs } from "../../ecs/timing";

/** ECS limits of one call. */
export const MAX_RESOURCES_PER_CALL = 50;
export const MAX_TAGS_PER_CALL = 20;

interface Waiter {
  instanceId: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Group {
  regionId: string;
  send: (ids: string[]) => Promise<unknown>;
  waiters: Waiter[];
  timer?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

export class TagWriter {
  private readonly groups = new Map<string, Group>();
  private readonly idleMs: number;
  /** Calls sent, for tests and the bench's arithmetic. */
  calls = 0;

  constructor(
    private readonly api: Pick<EcsApi, "tagResources" | "untagResources">,
    private readonly windowMs = batchWindowMs(),
  ) {
    this.idleMs = Math.max(1, Math.floor(windowMs / 10));
  }

  /** Sets `tags` on the instance (with other instances given the same tags meanwhile). */
  tag(regionId: string, instanceId: string, tags: Record<string, string>): Promise<void> {
    const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
    if (entries.length === 0) return Promise.resolve();
    if (entries.length > MAX_TAGS_PER_CALL) throw new Error(`at most ${MAX_TAGS_PER_CALL} tags per TagResources call`);
    const sorted = Object.fromEntries(entries);
    return this.enqueue(`tag\n${regionId}\n${JSON.stringify(entries)}`, regionId, instanceId, (ids) => this.api.tagResources(regionId, "instance", ids, sorted));
  }

  /** Removes tag keys from the instance (absent keys are fine). */
  async untag(regionId: string, instanceId: string, keys: string[]): Promise<void> {
    const unique = [...new Set(keys)].sort();
    for (let i = 0; i < unique.length; i += MAX_TAGS_PER_CALL) {
      const chunk = unique.slice(i, i + MAX_TAGS_PER_CALL);
      await this.enqueue(`untag\n${regionId}\n${JSON.stringify(chunk)}`, regionId, instanceId, (ids) => this.api.untagResources(regionId, "instance", ids, chunk));
    }
  }

  private enqueue(key: string, regionId: string, instanceId: string, send: (ids: string[]) => Promise<unknown>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let group = this.groups.get(key);
      if (!group) {
        const fresh: Group = { regionId, send, waiters: [] };
        group = fresh;
        this.groups.set(key, fresh);
        fresh.timer = setTimeout(() => this.flush(key, fresh), this.windowMs);
      }
      group.waiters.push({ instanceId, resolve, reject });
      const distinct = new Set(group.waiters.map((w) => w.instanceId)).size;
      if (distinct >= MAX_RESOURCES_PER_CALL) return this.flush(key, group);
      // A burst keeps the group open; a lull sends it.
      const open = group;
      clearTimeout(open.idle);
      open.idle = setTimeout(() => this.flush(key, open), this.idleMs);
    });
  }

  private flush(key: string, group: Group): void {
    clearTimeout(group.timer);
    clearTimeout(group.idle);
    if (this.groups.get(key) === group) this.groups.delete(key);
    void this.sendGroup(group.send, group.waiters);
  }

  private async sendGroup(send: (ids: string[]) => Promise<unknown>, waiters: Waiter[]): Promise<void> {
    const ids = [...new Set(waiters.map((w) => w.instanceId))];
    try {
      this.calls++;
      await send(ids);
      waiters.forEach((w) => w.resolve());
    } catch (err) {
      if (ids.length > 1 && tiedToOneResource(err)) {
        // Find out whose it is: each instance on its own.
        await Promise.all(ids.map((id) => this.sendGroup(send, waiters.filter((w) => w.instanceId === id))));
        return;
      }
      waiters.forEach((w) => w.reject(err));
    }
  }
}

/** A refusal that may concern one resource of the batch (unknown id, its tag quota), not the call. */
function tiedToOneResource(err: unknown): boolean {
  if (!(err instanceof EcsError)) return false;
  if (/^(Forbidden|NoPermission|NotAuthorized)/.test(err.code)) return false;
  return classifyError(err) === "terminal" && (err.httpStatus ?? 0) >= 400 && (err.httpStatus ?? 0) < 500;
}

/** One writer per EcsApi: an EcsApi belongs to one provider process, so this is per process. */
const writers = new WeakMap<object, TagWriter>();

export function tagWriterFor(api: Pick<EcsApi, "tagResources" | "untagResources">): TagWriter {
  let writer = writers.get(api);
  if (!writer) {
    writer = new TagWriter(api);
    writers.set(api, writer);
  }
  return writer;
}
