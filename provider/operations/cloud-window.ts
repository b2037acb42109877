// The stopped window shared across processes, kept in the intent record on the instance
// (intent-record.ts, cloud-record.ts). One CloudWindow per in-process session (instance-sessions.ts):
// the in-process session decides stop-once/start-once among its own resources, this file makes
// the same decisions visible to, and wait for, participants in other processes:
//  - open: read the record. Our own running record = a resumed run: the power state before is the
//    one recorded (not the one found now). A live window of another process = join it.
//    Expired records are reported, not trusted.
//  - enter (before the first mutating call): write our op record (+ the window, when none is live),
//    read again; a window another process is closing is waited out, then entered afresh.
//  - done: mark our record done, with the power state we want at the end.
//  - close: wait until every other live participant is done (or expired), mark the window
//    "closing", read again (a newcomer that wrote meanwhile re-opens it), then start if anyone
//    wants Running and remove the records. Any participant may close; every step is idempotent.
import { backoffDelay, formatDuration, sleep } from "../ecs/backoff";
import { pollTiming } from "../ecs/timing";
import { CloudRecord } from "./cloud-record";
import {
  describeOp,
  encodeOp,
  encodeWindow,
  type IntentTags,
  isExpired,
  isoTime,
  opKey,
  type OpKind,
  type OpRecord,
  WINDOW_KEY,
  type WindowRecord,
} from "./intent-record";
import type { OpsContext } from "./ops-context";
import type { PowerPolicy } from "./types";
import { now as clockNow } from "../ecs/process-scope";

/** What a participant tells the record about itself (built by the resource logic). */
export interface IntentSpec {
  /** Stable for the same resource and inputs (a re-run finds its record by it). */
  id: string;
  kind: OpKind;
  /** The operation's own time budget (stop + work + start): its record expires after it. */
  budgetMs: number;
  /** replace: the system disk before the replacement. */
  from?: string;
  /** replace: the image, for the reader. */
  image?: string;
  /** replace: the instance's image before. */
  was?: string;
}

/** A participant waited for others past its own deadline. */
export class WindowWaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WindowWaitError";
  }
}

export class CloudWindow {
  readonly record: CloudRecord;
  /** Messages for the user (expired records found, resumption, tagging denied). */
  readonly notes: string[] = [];
  /** Our own records (in this process), by id. */
  private readonly mine = new Map<string, OpRecord>();
  private tags?: IntentTags;

  constructor(
    private readonly ctx: OpsContext,
    readonly regionId: string,
    readonly instanceId: string,
  ) {
    this.record = new CloudRecord(ctx, regionId, instanceId);
  }

  get enabled(): boolean {
    return this.record.enabled;
  }

  /**
   * Reads the record and says what the power state before the window is: our own running record's
   * (a resumed run), else a live window's, else undefined (use what is found now).
   */
  async open(ids: string[], deadline: number): Promise<{ before?: string; resumed: Map<string, OpRecord> }> {
    let tags = await this.record.read();
    if (!tags) return this.disabled();
    // A window another process is closing: let it finish (or expire) before joining anything.
    // A closer with our id is our own interrupted run: resume it rather than wait for it.
    tags = await this.waitWhileClosing(tags, deadline, ids);
    if (!tags) return this.disabled();
    this.tags = tags;
    const resumed = new Map(tags.ops.filter((o) => ids.includes(o.id)).map((o) => [o.id, o]));
    for (const op of resumed.values()) {
      this.notes.push(
        `resuming an interrupted run recorded on ${this.instanceId}: ${describeOp(op)}` +
          (isExpired(op) ? "; the record has expired, but it is this resource's own, so its power state before is used" : ""),
      );
    }
    const foreign = tags.ops.filter((o) => !ids.includes(o.id));
    for (const op of foreign.filter((o) => isExpired(o))) {
      this.notes.push(`found an expired intent record on ${this.instanceId}: ${describeOp(op)}; its holder is gone. It is not trusted and will be removed.`);
    }
    for (const key of tags.unreadable) this.notes.push(`found an unreadable tag ${key} on ${this.instanceId}; it will be removed.`);
    const live = foreign.filter((o) => !isExpired(o));
    const own = [...resumed.values()][0];
    if (own) return { before: own.before, resumed };
    if (live.length && tags.window) {
      this.notes.push(`joining the stopped window of ${live.map(describeOp).join(", ")}; the instance was ${tags.window.before} before it.`);
      return { before: tags.window.before, resumed };
    }
    if (tags.window && !live.length) {
      this.notes.push(`found a window record with no live participant on ${this.instanceId} (instance ${tags.window.before} before, since ${isoTime(tags.window.since)}); not trusted, it will be removed.`);
    }
    return { before: live[0]?.before, resumed };
  }

  /**
   * Writes our running record (and the window when none is live) before the first mutating call.
   * A window another process started closing meanwhile is waited out, then written again.
   */
  async enter(spec: IntentSpec, policy: PowerPolicy, before: string, resumed: OpRecord | undefined, deadline: number): Promise<void> {
    if (!this.enabled) return;
    const now = clockNow();
    const op: OpRecord = resumed
      ? { ...resumed, state: "running", want: undefined, policy }
      : { id: spec.id, kind: spec.kind, state: "running", policy, before, since: now, until: now + spec.budgetMs, from: spec.from, image: spec.image, was: spec.was };
    this.mine.set(op.id, op);
    for (;;) {
      // The window carries the power state this session decided on (a live window's, or what was found).
      const window: WindowRecord = { state: "open", before, since: this.tags?.window?.since ?? now };
      if (!(await this.record.write({ [opKey(op.id)]: encodeOp(op), [WINDOW_KEY]: encodeWindow(window) }))) return;
      const tags = await this.record.read();
      if (!tags) return;
      this.tags = tags;
      if (tags.window?.state !== "closing" || this.mine.has(tags.window.by ?? "")) return;
      // Another process decided to close before it saw us: let it finish, then enter again.
      this.tags = await this.waitWhileClosing(tags, deadline);
    }
  }

  /** Takes over a record of ours that an interrupted run marked done (only its close is left). */
  adopt(op: OpRecord): void {
    this.mine.set(op.id, op);
  }

  /** Updates our record's progress (e.g. disks reset so far); best effort. */
  async progress(id: string, update: Partial<OpRecord>): Promise<void> {
    const op = this.mine.get(id);
    if (!op || !this.enabled) return;
    Object.assign(op, update);
    await this.record.write({ [opKey(id)]: encodeOp(op) });
  }

  /** Marks our record done with the power state we want at the end. */
  async done(id: string, wantRunning: boolean): Promise<void> {
    const op = this.mine.get(id);
    if (!op || !this.enabled) return;
    op.state = "done";
    op.want = wantRunning ? "run" : "stop";
    await this.record.write({ [opKey(id)]: encodeOp(op) });
  }

  /**
   * Waits for every other live participant, then runs `start` when anyone wants Running and
   * removes the record. Throws WindowWaitError (saying whom it waited for) at `deadline`.
   */
  async close(weWantRunning: boolean, deadline: number, startTimeoutMs: number, start: () => Promise<void>): Promise<void> {
    if (!this.enabled) {
      if (weWantRunning) await start();
      return;
    }
    let attempt = 0;
    for (;;) {
      const tags = await this.record.read();
      if (!tags) {
        if (weWantRunning) await start();
        return;
      }
      const waitingFor = this.othersRunning(tags);
      if (waitingFor.length === 0) {
        // Say we are closing, then look again: a newcomer who wrote meanwhile keeps the window open.
        const closing: WindowRecord = {
          state: "closing",
          before: tags.window?.before ?? "unknown",
          since: tags.window?.since ?? clockNow(),
          until: clockNow() + startTimeoutMs,
          by: [...this.mine.keys()][0],
        };
        await this.record.write({ [WINDOW_KEY]: encodeWindow(closing) });
        const again = await this.record.read();
        if (!again) {
          if (weWantRunning) await start();
          return;
        }
        if (this.othersRunning(again).length === 0) {
          const wantRunning = weWantRunning || again.ops.some((o) => !this.mine.has(o.id) && o.state === "done" && !isExpired(o) && o.want === "run");
          if (wantRunning) await start();
          const stale = [...again.ops.map((o) => opKey(o.id)), ...again.unreadable, WINDOW_KEY];
          const failed = await this.record.remove(stale);
          if (failed) this.notes.push(failed);
          return;
        }
        // Someone joined after all: hand the window back to them.
        await this.record.write({ [WINDOW_KEY]: encodeWindow({ ...closing, state: "open", until: undefined, by: undefined }) });
        continue;
      }
      if (clockNow() >= deadline) {
        throw new WindowWaitError(
          `waited until its own deadline for other operations on the same instance to finish: ${waitingFor.map(describeOp).join(", ")}. ` +
            `This run's work is done and recorded (diskops:op:${[...this.mine.keys()].join(", diskops:op:")} done); whoever finishes last ` +
            `restores the power state. If that operation's process is gone, its record expires at ${isoTime(Math.max(...waitingFor.map((o) => o.until)))}; run again after that.`,
        );
      }
      await sleep(Math.min(backoffDelay(++attempt, pollTiming()), Math.max(0, deadline - clockNow())));
    }
  }

  /** The latest record of our own participants (for outputs and tests). */
  own(id: string): OpRecord | undefined {
    return this.mine.get(id);
  }

  private othersRunning(tags: IntentTags): OpRecord[] {
    return tags.ops.filter((o) => !this.mine.has(o.id) && o.state === "running" && !isExpired(o));
  }

  private async waitWhileClosing(tags: IntentTags, deadline: number, ids: string[] = [...this.mine.keys()]): Promise<IntentTags | undefined> {
    let attempt = 0;
    let current: IntentTags | undefined = tags;
    const started = clockNow();
    const othersClosing = (w: WindowRecord | undefined) => w?.state === "closing" && !ids.includes(w.by ?? "") && (w.until ?? 0) > clockNow();
    while (othersClosing(current?.window)) {
      if (clockNow() >= deadline) {
        throw new WindowWaitError(
          `another operation is closing its stopped window on ${this.instanceId} (restoring power, since ${isoTime(current?.window?.since ?? 0)}, ` +
            `until ${isoTime(current?.window?.until ?? 0)}); waited ${formatDuration(clockNow() - started)}.`,
        );
      }
      await sleep(Math.min(backoffDelay(++attempt, pollTiming()), Math.max(0, deadline - clockNow())));
      current = await this.record.read();
    }
    return current;
  }

  private disabled(): { before?: string; resumed: Map<string, OpRecord> } {
    if (this.record.disabledReason) this.notes.push(this.record.disabledReason);
    return { resumed: new Map() };
  }
}
