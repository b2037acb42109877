// The stopped window of one instance as every process sees it: the protocol over the intent
// record (record.ts), described in README.md in this folder. One CloudWindow per in-process
// session (sessions.ts); the session decides stop-once/start-once among this process's
// resources, this file makes the same decisions with, and waits for, other processes and later runs.
//
// Tags are last-write-wins and reads may lag writes by up to L (ecs/timing.ts tagReadLagMs). A
// holder writes its own key (and, recovering a dead close, that dead holder's key). Before it stops
// anything, a holder writes its record, waits L and reads (enter); before it starts anything, it
// writes `closing`, waits L and reads (close). Of two holders doing these at once, at least one sees
// the other's write: a newcomer waits for a close it sees, a closer hands the window back to a
// newcomer it sees.
import type { InstanceInfo } from "../../ecs/api";
import { backoffDelay, formatDuration, sleep } from "../../ecs/backoff";
import { now } from "../../ecs/process-scope";
import { pollTiming, tagReadLagMs } from "../../ecs/timing";
import { errorMessage, RefusedError } from "../errors";
import type { OpsContext } from "../ops-context";
import {
  describeHolder,
  encodeHolder,
  type HolderRecord,
  holderKey,
  isAbandoned,
  isExpired,
  isoTime,
  LEGACY_WINDOW_KEY,
  type Phase,
  type RecordFields,
  readWindowTags,
  UNDECIDED,
  type WindowTags,
} from "./record";
import { tagWriterFor } from "./tag-writer";
import { isPermissionDenied, NOT_CRASH_SAFE } from "./tagging-permission";

/** What a session tells the record about the operations it holds the instance for. */
export interface HolderSpec {
  /** Owner ids: the stack (the same for a re-run of the same stack); one per stack in this process's session. */
  owners: string[];
  /** Op ids the previous record format gave these operations (their legacy records are ours). */
  legacyIds: string[];
  /** The operations' own time budget (stop + work + start): the record expires after it. */
  budgetMs: number;
  /** A replacement: the system disk before it, and the image before it. */
  from?: string;
  was?: string;
}

/** What entering the window found out. */
export interface Entered {
  /** The power state before the window: a predecessor's or a joined window's record, else what was found. */
  before: string;
  /** Records this owner's killed or failed predecessor left (a re-run resumes them). */
  resumed: HolderRecord[];
  /** A predecessor finished the work (done/closing/closed, no failure): only the close is left. */
  workDone: boolean;
  /** A predecessor's window is over (its close restored power): the re-run changes no power state. */
  windowOver: boolean;
}

/** A participant waited for others past its own deadline. */
export class WindowWaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WindowWaitError";
  }
}

/**
 * Record times are rounded out to 10 s: a fleet's sessions entering within the same 10 s write
 * the same value, so one TagResources call serves 50 of them (tag-writer.ts).
 */
const QUANTUM_MS = 10_000;
const floorTo = (ms: number) => Math.floor(ms / QUANTUM_MS) * QUANTUM_MS;
const ceilTo = (ms: number) => Math.ceil(ms / QUANTUM_MS) * QUANTUM_MS;

/**
 * A record is a lease: its holder renews `until` every RENEW while its process lives, so a holder
 * whose process died is gone (not waited for, its wishes handled by whoever comes next) a lease
 * after its last renewal, not after its whole time budget. The lease is long against L and a
 * renewal's retries; the renewal is one TagResources per 50 instances (the fleet renews together).
 */
export function leaseMs(): number {
  return Math.max(120_000, 10 * tagReadLagMs());
}
const renewMs = () => leaseMs() / 4;

export type Read = { instance: InstanceInfo; tags: WindowTags };

export class CloudWindow {
  /** Messages for the user (resumed runs, expired records, tagging denied). */
  readonly notes: string[] = [];
  private enabledFlag = true;
  private spec?: HolderSpec;
  private fields?: RecordFields;
  /** When (this process's clock) our record's `ending` was acknowledged: a close may skip its wait after L. */
  private endingSince?: number;
  private readonly key: (owner: string) => string;

  constructor(
    private readonly ctx: OpsContext,
    readonly regionId: string,
    readonly instanceId: string,
    /** This process's incarnation id (4 hex): its records never overwrite a predecessor's. */
    readonly incarnation: string,
  ) {
    this.key = (owner) => holderKey(owner, incarnation);
  }

  get enabled(): boolean {
    return this.enabledFlag;
  }

  // ---- who is who ------------------------------------------------------------------------------

  /** Records of our owners: ours, a predecessor's (another incarnation), or our legacy ops. */
  protected mine(h: HolderRecord): boolean {
    return !!this.spec && (h.legacy ? this.spec.legacyIds.includes(h.owner) : this.spec.owners.includes(h.owner));
  }

  /** Records this process wrote (its own incarnation). */
  protected ours(h: HolderRecord): boolean {
    return !h.legacy && h.incarnation === this.incarnation && this.mine(h);
  }

  /** Live holders of other stacks in these phases (`closed` is never live), oldest first. */
  private others(tags: WindowTags, phases: Phase[] = ["open", "ending", "done", "closing"]): HolderRecord[] {
    const t = this.ctx.cloudNow();
    return tags.holders.filter((h) => !this.mine(h) && !isExpired(h, t) && phases.includes(h.phase));
  }

  /** Records of other stacks whose holders are gone after their work (done or closing, expired). */
  private stale(tags: WindowTags): HolderRecord[] {
    const t = this.ctx.cloudNow();
    return tags.holders.filter((h) => !this.mine(h) && (h.phase === "done" || h.phase === "closing") && isExpired(h, t));
  }

  /** A window nobody holds any more, left by holders gone after their work: someone must close it. */
  private orphans(tags: WindowTags): HolderRecord[] {
    return this.others(tags).length ? [] : this.stale(tags);
  }

  // ---- enter -------------------------------------------------------------------------------------

  /**
   * Writes our record and reads the window (before the first mutating call). Waits out a window
   * another process is closing, then enters afresh. Throws RefusedError (nothing touched) when
   * another replacement of this instance is in progress.
   */
  async enter(spec: HolderSpec, found: InstanceInfo, deadline: number, stable: () => Promise<InstanceInfo>, start: () => Promise<void>): Promise<Entered> {
    this.spec = spec;
    try {
      return await this.tryEnter(spec, found, deadline, stable, start);
    } catch (err) {
      // Nothing was touched: take our record back (and what our stack's earlier runs left while
      // entering, which touched nothing either), so nobody waits for them.
      if (this.fields) {
        const read = await this.read().catch(() => undefined);
        const entering = read ? read.tags.holders.filter((h) => this.mine(h) && !this.ours(h) && h.before === UNDECIDED).map((h) => h.key) : [];
        this.fields = undefined;
        await this.writes; // after any write in flight, so none lands after the removal
        await this.remove([...entering, ...this.keys()]);
      }
      this.fields = undefined;
      throw err;
    }
  }

  private async tryEnter(spec: HolderSpec, found: InstanceInfo, deadline: number, stable: () => Promise<InstanceInfo>, start: () => Promise<void>): Promise<Entered> {
    let status = found.status;
    const alone = (before: string): Entered => ({ before, resumed: [], workDone: false, windowOver: false });
    for (;;) {
      const at = this.ctx.cloudNow();
      // Undecided until the read below: others ignore our `before` meanwhile (we stop nothing before deciding).
      const undecidedUntil = ceilTo(at + leaseMs());
      this.fields = { phase: "open", before: UNDECIDED, since: floorTo(at), until: undecidedUntil, from: spec.from, was: spec.was };
      if (!(await this.write())) return alone(status);
      await sleep(tagReadLagMs());
      const read = await this.read();
      if (!read) return alone(status);
      const { tags } = read;
      if (this.others(tags, ["ending", "closing"]).length) {
        // Another process is ending its window (it may start the instance any moment): let it
        // finish, then look again; the instance's state before our window is what it leaves.
        await this.waitWhile((t) => this.others(t, ["ending", "closing"]), deadline, "is ending its stopped window");
        status = (await stable()).status;
        continue;
      }
      if (this.orphans(tags).length) {
        // A window whose holders are all gone after their work (one gave up waiting, or died
        // closing): finish it as they asked, then look again and open our own.
        await this.finishOrphans(tags, read.instance, start);
        status = (await stable()).status;
        continue;
      }
      // Records of holders still entering say nothing yet: they have stopped nothing.
      const own = tags.holders.filter((h) => this.mine(h) && !this.ours(h) && h.before !== UNDECIDED);
      const live = this.others(tags).filter((h) => h.before !== UNDECIDED);
      this.report(tags, own);
      // A re-run finishing its own stack's replacement is not a second one: rivals see its record and wait.
      if (spec.from && !own.some((h) => h.from)) this.refuseSecondReplacement(this.others(tags, ["open", "ending"]));
      const closedOver = own.some((h) => h.phase === "closed");
      // Our predecessor's window was closed as it asked. If the instance is Stopped now, someone
      // stopped it since (another stack's window, or a hand): this run is a window of its own with
      // the work done, and its close honours our policy from the state it finds (start wants
      // Running); otherwise nothing about power is left. (Simulator seed 1128.)
      const windowOver = closedOver && status !== "Stopped";
      // A window of another stack closed over our predecessor's: the state it recorded is history.
      const superseded = own.some((h) => h.superseded);
      const workDone = own.length > 0 && own.every((h) => (h.phase === "done" || h.phase === "closing" || h.phase === "closed") && !h.failed);
      // The window's state before is what its first holder found (every holder of it records the
      // same); what our predecessor recorded is history once its window closed or was superseded.
      const before = windowOver ? status : ((closedOver || superseded ? undefined : own[0]?.before) ?? live[0]?.before ?? status);
      // Our record takes over what our stack's earlier runs recorded (the replaced disk, whether the
      // work or the window is over), so theirs can go: a re-run never leaves its predecessors behind.
      // (Not from a record superseded while still working: who changed the disk since is unknown.)
      const replaced = own.find((h) => h.from && !(h.superseded && h.phase === "open"));
      this.fields = {
        ...this.fields,
        phase: windowOver ? "closed" : workDone ? "done" : "open",
        before,
        until: ceilTo(this.ctx.cloudNow() + leaseMs()),
        from: replaced?.from ?? this.fields.from,
        was: replaced ? replaced.was : this.fields.was,
      };
      await this.write();
      // Decided too late (our undecided record had expired: someone may have closed past us): again.
      if (this.ctx.cloudNow() > undecidedUntil) continue;
      this.renewWhileHeld();
      const leftBehind = tags.holders.filter((h) => this.mine(h) && !this.ours(h)).map((h) => h.key);
      if (leftBehind.length) await this.remove(leftBehind);
      if (own.length) {
        this.notes.push(`resuming an interrupted run recorded on ${this.instanceId}: ${own.map(describeHolder).join("; ")}.`);
      } else if (live.length) {
        this.notes.push(`joining the stopped window of ${live.map(describeHolder).join(", ")}; the instance was ${before} before it.`);
      }
      return { before, resumed: own, workDone, windowOver };
    }
  }

  /** Another owner joins this process's session after it entered (the same window, one more key). */
  async addOwner(owner: string, legacyId: string | undefined, budgetMs: number): Promise<void> {
    if (!this.spec) return;
    if (legacyId && !this.spec.legacyIds.includes(legacyId)) this.spec.legacyIds.push(legacyId);
    void budgetMs; // the lease, renewed while we live, covers any budget
    if (this.spec.owners.includes(owner)) return;
    this.spec.owners.push(owner);
    await this.write();
  }

  /** A replacement joining later (the session entered for another operation): record it, check for a rival. */
  async addReplacement(from: string, was: string | undefined): Promise<void> {
    if (!this.enabled || !this.fields || !this.spec) return;
    this.spec = { ...this.spec, from, was };
    this.fields = { ...this.fields, from, was };
    if (!(await this.write())) return;
    await sleep(tagReadLagMs());
    const read = await this.read();
    try {
      if (read) this.refuseSecondReplacement(this.others(read.tags, ["open", "ending"]));
    } catch (err) {
      // This process's record stays (its other operations hold the window); it replaces nothing.
      this.spec = { ...this.spec, from: undefined, was: undefined };
      this.fields = { ...this.fields, from: undefined, was: undefined };
      await this.write();
      throw err;
    }
  }

  // ---- ending and close ---------------------------------------------------------------------------

  /**
   * Our last mutating call was accepted; only waiting for it is left. Saying so now lets the close
   * skip its handshake wait: a newcomer from now on waits for our close, and one that came before
   * is seen by the close's read, L later at least. Best effort.
   */
  async ending(): Promise<void> {
    if (!this.enabled || !this.fields || this.fields.phase !== "open") return;
    this.fields = { ...this.fields, phase: "ending" };
    // Counted from when the write was acknowledged: a read L after that shows it to everyone.
    if (await this.write().catch(() => false)) this.endingSince = now();
  }

  /** More work joined the window in this process after it said `ending`. */
  async reopen(): Promise<void> {
    if (!this.enabled || !this.fields || this.fields.phase !== "ending") return;
    this.fields = { ...this.fields, phase: "open" };
    this.endingSince = undefined;
    await this.write();
  }

  /** Takes our record back without a close (we touched nothing, e.g. a refused operation). */
  async withdraw(): Promise<void> {
    if (!this.enabled || !this.fields) return;
    await this.dropOwn();
  }

  /**
   * Our work is over (`failed`: some of it failed, and `weWantRunning` is then the state before).
   * Waits for every other live holder still working (our record says `done` and what we want
   * meanwhile), then marks ours closing with the window's outcome and reads again: a newcomer seen
   * means hand the window back and wait for it. Else removes the records it covers, starts the
   * instance if anyone wants it Running, and removes its own. Throws WindowWaitError (naming whom
   * it waited for) at `deadline`.
   */
  async close(weWantRunning: boolean, failed: boolean, deadline: number, startTimeoutMs: number, start: () => Promise<void>): Promise<void> {
    if (!this.enabled || !this.fields || !this.spec) {
      if (weWantRunning) await start();
      return;
    }
    const mineWant = weWantRunning ? "run" : "stop";
    const done = async () => {
      if (this.fields!.phase === "done" && this.fields!.want === mineWant && !!this.fields!.failed === failed) return;
      this.fields = { ...this.fields!, phase: "done", want: mineWant, failed: failed || undefined };
      this.endingSince = undefined;
      await this.write();
    };
    for (;;) {
      let readAt = now();
      let read = await this.read();
      if (!read) break;
      if (!read.tags.holders.some((h) => this.ours(h))) {
        // Another holder's close covered us (it honoured our record's want and removed our record).
        this.fields = undefined;
        await this.waitCovered(deadline, start);
        return;
      }
      const working = (t: WindowTags) => this.others(t, ["open", "ending", "closing"]);
      if (working(read.tags).length) {
        // Others are still in the window: say what we want (whoever closes last honours it) and wait.
        await done();
        readAt = now();
        read = await this.waitForOthers(working, deadline);
        if (!read) break;
        continue;
      }

      // Said `ending` at least L before the read above (and still saying it): that read already saw
      // every newcomer that came before, and every later one waits for us. Else write, wait L, read.
      const announced = this.fields.phase === "ending" && this.endingSince !== undefined && readAt - this.endingSince >= tagReadLagMs();
      const at = this.ctx.cloudNow();
      // Every holder of the window that finished its work asks for a state; Running wins. Those that
      // gave up waiting (expired) are holders of this window too: their wish counts.
      const outcome = (t: WindowTags) =>
        weWantRunning || [...this.others(t, ["done", "closing"]), ...this.stale(t)].some((h) => h.want === "run") ? "run" : "stop";
      this.fields = {
        ...this.fields,
        phase: "closing",
        want: outcome(read.tags),
        failed: failed || undefined,
        until: ceilTo(at + leaseMs()),
      };
      if (!(await this.write())) break;
      const again = announced ? read : await this.confirmAfterClosing();
      if (!again) break;
      if (this.others(again.tags, ["open", "ending"]).length) {
        // Someone entered while we were deciding to close: the window is theirs to close now.
        this.fields = { ...this.fields, phase: "open" };
        await done();
        continue;
      }
      const want = outcome(again.tags);
      if (want !== this.fields.want) {
        // A holder finished meanwhile and asks for Running: the decision on record follows.
        this.fields = { ...this.fields, want };
        await this.write();
      }
      // The records this close covers go before the start: if we die after starting, nobody joins
      // (and inherits the wishes of) a window that is over. A replacement's record stays for its
      // own re-run (which confirms the replacement from it); our own goes last.
      await this.markClosed(again.tags);
      await this.remove(this.coveredKeys(again.tags));
      if (want === "run") await start();
      // The window is over: a re-run of ours that finds this changes no power (a later window may
      // have stopped the instance since). Our record goes when the resources are done (release()),
      // as their last call: a run killed before that re-runs from it, never replacing twice.
      this.fields = { ...this.fields, phase: "closed" };
      await this.write();
      return;
    }
    // Tagging denied meanwhile: settle our own want.
    if (weWantRunning) await start();
  }

  /**
   * Removes our record once the window is over (closed) and the resources that held it have
   * finished (their outputs are built): the last ECS call of their run. A record still `done`
   * (the close gave up waiting for others) stays: whoever closes last honours its wish.
   */
  async release(): Promise<void> {
    this.released = true; // no more renewals: a record left `done` expires and the next comer closes for it
    if (!this.enabled || !this.fields || this.fields.phase !== "closed") return;
    await this.dropOwn();
  }

  /** The window is over for a re-run whose predecessor closed it: remove what this owner left, touch no power. */
  async closeOver(): Promise<void> {
    if (!this.enabled || !this.spec) return;
    const read = await this.read();
    const leftovers = read ? read.tags.holders.filter((h) => this.mine(h)).map((h) => h.key) : [];
    await this.remove([...leftovers, ...this.keys()]);
  }

  /** The record, if this window wrote one (for tests). */
  recorded(): RecordFields | undefined {
    return this.fields && { ...this.fields };
  }

  /** A closer waits for holders still working (bounded by its deadline): they may be mid-reset. */
  protected waitForOthers(working: (tags: WindowTags) => HolderRecord[], deadline: number): Promise<Read | undefined> {
    return this.waitWhile(working, deadline, "is still working in the window");
  }

  /** After writing `closing`: wait L, then read what every newcomer up to our write wrote. */
  protected async confirmAfterClosing(): Promise<Read | undefined> {
    await sleep(tagReadLagMs());
    return this.read();
  }

  // ---- the lease ----------------------------------------------------------------------------------

  private renewing = false;
  /** The resources holding the window are done (release()): the record is no longer renewed. */
  private released = false;

  /** Renews our record's lease until it is closed or removed (a loop on this process's timers). */
  private renewWhileHeld(): void {
    if (this.renewing) return;
    this.renewing = true;
    const tick = () => {
      const timer = setTimeout(async () => {
        if (this.released || !this.enabled || !this.fields || this.fields.phase === "closed") {
          this.renewing = false;
          return;
        }
        const until = ceilTo(this.ctx.cloudNow() + leaseMs());
        if (until > this.fields.until) {
          // Renew only a record that is still there: another's close may have removed it (it
          // covered us), and a renewal must not bring it back.
          const read = await this.read().catch(() => undefined);
          if (read && !read.tags.holders.some((h) => this.ours(h))) {
            this.renewing = false;
            return;
          }
          if (this.fields && !this.released) {
            this.fields = { ...this.fields, until };
            await this.write().catch(() => undefined); // a missed renewal is made up by the next one
          }
        }
        tick();
      }, renewMs());
      // A renewal must not keep a finished provider process alive.
      (timer as { unref?: () => void }).unref?.();
    };
    tick();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * Keys a close removes besides our own: our predecessors', the finished holders it covers
   * (a replacement's is marked `closed` instead, for its own re-run), garbage.
   */
  private coveredKeys(tags: WindowTags): string[] {
    const t = this.ctx.cloudNow();
    const keys = tags.holders
      .filter((h) => {
        if (this.ours(h)) return false;
        if (this.mine(h)) return true; // our stack's predecessors: this run finished their work
        if (isAbandoned(h, t)) return true; // nobody will come back for it
        if (h.before === UNDECIDED && isExpired(h, t)) return true; // died entering: it touched nothing
        if (h.phase === "closed" && !h.from && isExpired(h, t)) return true; // a window long over; only a replacement's is kept
        if (h.phase !== "done" && h.phase !== "closing") return false; // died mid-work: kept for its own re-run
        return !h.from; // a finished replacement confirms its own (closeFinished marks expired ones `closed`)
      })
      .map((h) => h.key);
    if (tags.legacyWindow && !tags.holders.some((h) => h.legacy && !keys.includes(h.key))) keys.push(LEGACY_WINDOW_KEY);
    return [...keys, ...tags.unreadable];
  }

  /**
   * Records of other stacks' holders that are gone and that this close leaves in place: finished
   * replacements become `closed` (their re-run confirms and touches no power); unfinished work is
   * marked `superseded` (its re-run redoes the work from the state it finds, not the one recorded).
   */
  private async markClosed(tags: WindowTags): Promise<void> {
    const t = this.ctx.cloudNow();
    for (const h of tags.holders) {
      if (this.mine(h) || h.legacy || !isExpired(h, t) || isAbandoned(h, t) || h.before === UNDECIDED) continue;
      if ((h.phase === "done" || h.phase === "closing") && h.from) await this.writeKey(h.key, { ...h, phase: "closed" });
      else if ((h.phase === "open" || h.phase === "ending") && !h.superseded) await this.writeKey(h.key, { ...h, superseded: true });
    }
  }

  /**
   * Closes a window its holders left after their work: starts the instance if any of them asked
   * for Running and it is not, then removes their records (a replacement's becomes `closed`).
   */
  private async finishOrphans(tags: WindowTags, instance: InstanceInfo, start: () => Promise<void>): Promise<void> {
    const orphans = this.orphans(tags);
    this.notes.push(`closing a stopped window its holders left on ${this.instanceId}: ${orphans.map(describeHolder).join(", ")}.`);
    if (orphans.some((h) => h.want === "run") && instance.status !== "Running") await start();
    await this.markClosed(tags);
    await this.remove(orphans.filter((h) => !h.from || h.legacy).map((h) => h.key));
  }

  /** Our record was removed by another's close: wait for that close to end (bounded), finish it if it died. */
  private async waitCovered(deadline: number, start: () => Promise<void>): Promise<void> {
    const read = await this.waitWhile((t) => this.others(t, ["closing"]), deadline, "is closing the window");
    if (read && this.orphans(read.tags).length) await this.finishOrphans(read.tags, read.instance, start);
  }

  /** The instance and our records on it, read now (a fresh, batched DescribeInstances). */
  protected async read(): Promise<Read | undefined> {
    const instance = await this.ctx.readInstance(this.regionId, this.instanceId);
    if (!instance) throw new Error(`Instance ${this.instanceId} was not found in region ${this.regionId}.`);
    return { instance, tags: readWindowTags(instance.tags) };
  }

  /** Our writes, one after another: a renewal never lands after (and undoes) a later state. */
  private writes: Promise<unknown> = Promise.resolve();

  /** Writes our record (one key per owner); false when tagging is denied (the operation goes on without one). */
  private write(): Promise<boolean> {
    const next = this.writes.then(async () => {
      // What the record says when its turn comes (a renewal writes the latest state).
      if (!this.enabled || !this.fields || !this.spec) return this.enabled;
      const value = encodeHolder(this.fields);
      try {
        await tagWriterFor(this.ctx.api).tag(this.regionId, this.instanceId, Object.fromEntries(this.keys().map((k) => [k, value])));
        return true;
      } catch (err) {
        if (this.deny(err)) return false;
        throw err;
      }
    });
    this.writes = next.catch(() => undefined);
    return next;
  }

  /** Writes another holder's key (only to mark a dead holder's close `closed`). */
  private async writeKey(key: string, fields: RecordFields): Promise<void> {
    try {
      await tagWriterFor(this.ctx.api).tag(this.regionId, this.instanceId, { [key]: encodeHolder(fields) });
    } catch (err) {
      if (!this.deny(err)) throw err;
    }
  }

  private async remove(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await tagWriterFor(this.ctx.api).untag(this.regionId, this.instanceId, keys);
    } catch (err) {
      if (this.deny(err)) return;
      // Power is settled already; a record left behind expires, and its own stack's next run removes it.
      this.notes.push(`removing the intent record (tags ${[...new Set(keys)].join(", ")}) from ${this.instanceId} failed: ${errorMessage(err)}`);
    }
  }

  /** Removes our own record, after any write in flight, and stops renewing it. */
  private async dropOwn(): Promise<void> {
    this.fields = undefined;
    await this.writes;
    await this.remove(this.keys());
  }

  private keys(): string[] {
    return (this.spec?.owners ?? []).map(this.key);
  }

  private deny(err: unknown): boolean {
    if (!isPermissionDenied(err)) return false;
    this.enabledFlag = false;
    this.notes.push(`${NOT_CRASH_SAFE} (${errorMessage(err)})`);
    return true;
  }

  /**
   * Polls while `blocking` finds holders, up to `deadline` (then WindowWaitError naming them).
   * Resolves with the last read (undefined when tagging was denied meanwhile).
   */
  private async waitWhile(blocking: (tags: WindowTags) => HolderRecord[], deadline: number, doing: string): Promise<Read | undefined> {
    const started = now();
    let attempt = 0;
    for (;;) {
      const read = await this.read();
      if (!read) return undefined;
      const holders = blocking(read.tags);
      if (holders.length === 0) return read;
      if (now() >= deadline) {
        const gone = Math.max(...holders.map((h) => h.until));
        throw new WindowWaitError(
          `waited until its own deadline (${formatDuration(now() - started)}) for another operation on instance ${this.instanceId} that ${doing}: ` +
            `${holders.map(describeHolder).join(", ")}. This run's own record says what it did and wants; whoever closes the window ` +
            `restores the power state. If that operation's process is gone, its record expires at ${isoTime(gone)}; run again after that.`,
        );
      }
      await sleep(Math.min(backoffDelay(++attempt, pollTiming()), Math.max(0, deadline - now())));
    }
  }

  /** Another live replacement of this instance: fail before touching anything (the rival may too). */
  private refuseSecondReplacement(working: HolderRecord[]): void {
    const rival = working.find((h) => h.from);
    if (!rival) return;
    throw new RefusedError(
      `another replacement of the system disk of ${this.instanceId} is in progress (${describeHolder(rival)}); two replacements ` +
        `of one instance at once would race, so this one did not touch the instance (only its own intent record was written and removed); run \`pulumi up\` again once that one has finished.`,
    );
  }

  /** Notes on records found that are not trusted or not readable. */
  private report(tags: WindowTags, own: HolderRecord[]): void {
    const t = this.ctx.cloudNow();
    for (const h of tags.holders) {
      if (!own.includes(h) && !this.mine(h) && isExpired(h, t) && h.phase !== "closing") {
        const fate = isAbandoned(h, t) ? "it will be removed" : "it stays for its own stack's next run, which resumes from it";
        this.notes.push(`found an expired intent record on ${this.instanceId}: ${describeHolder(h)}; its holder is gone. It is not trusted; ${fate}.`);
      }
    }
    for (const key of tags.unreadable) this.notes.push(`found an unreadable tag ${key} on ${this.instanceId}; it will be removed.`);
  }
}
