// The simulated cloud: every resource, the operations in flight (with absolute due times, driven
// by timers and settled lazily on every read), remembered client tokens, and state (de)serialisation.
import { ClientTokenStore } from "./client-tokens";
import { DurationModel } from "./durations";
import { normalizeSeed, type NormalizedSeed, type SeedFile } from "./seed";
import { TagHistory } from "./tag-history";
import { completeTransition, TRANSITION_LOCKS } from "./transitions";
import type {
  AccessKeyRecord,
  ClientTokenRecord,
  CloudData,
  DiskRecord,
  ImageRecord,
  InstanceRecord,
  KeyPairRecord,
  KmsKeyRecord,
  SnapshotRecord,
  Transition,
} from "./types";

export const STATE_FORMAT = "ecs-emulator-state/1";

export interface PersistedState extends CloudData {
  Format: string;
  SavedAt: string;
  Transitions: Transition[];
  ClientTokens: ClientTokenRecord[];
  NextTransitionId: number;
}

type NewTransition = Transition extends infer T ? (T extends Transition ? Omit<T, "Id" | "DueAt" | "StartedAt"> : never) : never;

/** Randomness and memory of the cloud (startEmulator options); every field is optional. */
export interface CloudOptions {
  /** F in [0, 1): each operation's duration is multiplied by a random factor in [1-F, 1+F]. */
  durationJitter?: number;
  /** Source of the jitter; seeded by --random-seed. */
  random?: () => number;
  /** How long (simulated seconds) a ClientToken is remembered. */
  clientTokenTtlSeconds?: number;
  /** Tag reads may show tags as they were up to this many simulated seconds ago (tag-history.ts); default 0. */
  tagReadLagSeconds?: number;
}

const byKey = <T>(list: T[], key: (t: T) => string) => new Map(list.map((x) => [key(x), x] as [string, T]));

export class Cloud {
  instances = new Map<string, InstanceRecord>();
  disks = new Map<string, DiskRecord>();
  snapshots = new Map<string, SnapshotRecord>();
  images = new Map<string, ImageRecord>();
  keyPairs = new Map<string, KeyPairRecord>();
  kmsKeys = new Map<string, KmsKeyRecord>();
  accessKeys = new Map<string, AccessKeyRecord>();
  readonly durations: DurationModel;
  readonly clientTokens: ClientTokenStore;
  /** Tag writes and (possibly lagging) tag reads. */
  readonly tags: TagHistory;
  transitions: Transition[] = [];
  private nextTransitionId = 1;
  private timers = new Map<number, NodeJS.Timeout>();
  private listeners: Array<() => void> = [];
  private disposed = false;

  constructor(
    readonly timeScale = 1,
    options: CloudOptions = {},
  ) {
    this.durations = new DurationModel(timeScale, options.durationJitter, options.random);
    this.clientTokens = new ClientTokenStore(this.durations, options.clientTokenTtlSeconds);
    this.tags = new TagHistory((options.tagReadLagSeconds ?? 0) * 1000 * timeScale, options.random);
  }

  // ---- loading --------------------------------------------------------------------------

  loadSeed(seed: SeedFile): void {
    this.loadNormalized(normalizeSeed(seed));
  }

  private loadNormalized(seed: NormalizedSeed): void {
    this.clearTimers();
    this.transitions = [];
    this.clientTokens.clear();
    this.setData(seed.data);
    this.accessKeys = byKey(seed.accessKeys, (k) => k.AccessKeyId);
    for (const [snapshotId, seconds] of Object.entries(seed.snapshotCompletion)) {
      this.startTransition({ Kind: "SnapshotComplete", SnapshotId: snapshotId }, seconds);
    }
  }

  /** Restores persisted state; transitions already due complete at once, the rest are rescheduled. */
  loadState(state: PersistedState, accessKeys: AccessKeyRecord[]): void {
    if (state.Format !== STATE_FORMAT) throw new Error(`state file: unknown format ${String(state.Format)}`);
    this.clearTimers();
    this.setData(state);
    this.accessKeys = byKey(accessKeys, (k) => k.AccessKeyId);
    this.clientTokens.load(state.ClientTokens ?? []);
    this.transitions = [...(state.Transitions ?? [])];
    this.nextTransitionId = state.NextTransitionId ?? this.transitions.reduce((m, t) => Math.max(m, t.Id + 1), 1);
    for (const t of this.transitions) this.arm(t);
    this.settle();
  }

  toState(): PersistedState {
    return {
      Format: STATE_FORMAT,
      SavedAt: new Date().toISOString(),
      ...this.data(),
      Transitions: [...this.transitions],
      ClientTokens: this.clientTokens.live(),
      NextTransitionId: this.nextTransitionId,
    };
  }

  data(): CloudData {
    return {
      Instances: [...this.instances.values()],
      Disks: [...this.disks.values()],
      Snapshots: [...this.snapshots.values()],
      Images: [...this.images.values()],
      KeyPairs: [...this.keyPairs.values()],
      KmsKeys: [...this.kmsKeys.values()],
    };
  }

  private setData(d: CloudData): void {
    this.instances = byKey(d.Instances ?? [], (x) => x.InstanceId);
    this.disks = byKey(d.Disks ?? [], (x) => x.DiskId);
    this.snapshots = byKey(d.Snapshots ?? [], (x) => x.SnapshotId);
    this.images = byKey(d.Images ?? [], (x) => x.ImageId);
    this.keyPairs = byKey(d.KeyPairs ?? [], (x) => `${x.RegionId}/${x.KeyPairName}`);
    this.kmsKeys = byKey(d.KmsKeys ?? [], (x) => x.KeyId);
  }

  // ---- change notification (persistence) -------------------------------------------------

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Call after mutating records directly (tests do); persists and notifies. */
  changed(): void {
    for (const l of this.listeners) l();
  }

  // ---- time ------------------------------------------------------------------------------

  /** Starts an operation that completes after `seconds` x timeScale (x jitter). Returns the transition. */
  startTransition(t: NewTransition, seconds: number): Transition {
    const now = Date.now();
    const full = { ...t, Id: this.nextTransitionId++, StartedAt: now, DueAt: now + this.durations.operationMs(seconds) } as Transition;
    this.transitions.push(full);
    this.arm(full);
    return full;
  }

  private arm(t: Transition): void {
    if (this.disposed) return;
    // Node may fire a timer up to a millisecond early (fractional delays are truncated): if the
    // transition is not due yet when it fires, arm it again rather than leave it to the next request.
    const timer = setTimeout(() => {
      this.timers.delete(t.Id);
      this.settle();
      if (this.transitions.some((x) => x.Id === t.Id)) this.arm(t);
    }, Math.max(0, Math.ceil(t.DueAt - Date.now())));
    timer.unref();
    this.timers.set(t.Id, timer);
  }

  /** Completes every transition whose due time has passed. Called by timers and before every read. */
  settle(now = Date.now()): void {
    const due = this.transitions.filter((t) => t.DueAt <= now).sort((a, b) => a.DueAt - b.DueAt || a.Id - b.Id);
    if (due.length === 0) return;
    for (const t of due) {
      this.transitions = this.transitions.filter((x) => x.Id !== t.Id);
      const timer = this.timers.get(t.Id);
      if (timer) clearTimeout(timer);
      this.timers.delete(t.Id);
      completeTransition(this, t);
    }
    this.changed();
  }

  private clearTimers(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimers();
    this.listeners = [];
  }

  // ---- derived views ---------------------------------------------------------------------

  /** Persistent locks plus the locks of operations in flight on the instance. */
  instanceLocks(instanceId: string): { LockReason: string; LockMsg?: string }[] {
    const inst = this.instances.get(instanceId);
    const locks: { LockReason: string; LockMsg?: string }[] = (inst?.LockReasons ?? []).map((r) => ({ LockReason: r }));
    for (const t of this.transitions) {
      const lock = TRANSITION_LOCKS[t.Kind];
      if (lock && "InstanceId" in t && t.InstanceId === instanceId && !locks.some((l) => l.LockReason === lock.reason)) {
        locks.push({ LockReason: lock.reason, LockMsg: lock.message });
      }
    }
    return locks;
  }

  /** An operation (reset, replacement) is running on the instance. */
  busyInstance(instanceId: string): boolean {
    return this.transitions.some((t) => TRANSITION_LOCKS[t.Kind] && "InstanceId" in t && t.InstanceId === instanceId);
  }

  replacementInFlight(instanceId: string): boolean {
    return this.transitions.some((t) => t.Kind === "SystemDiskReplace" && t.InstanceId === instanceId);
  }

  isSecurityLocked(inst: InstanceRecord): boolean {
    return inst.LockReasons.includes("security");
  }

  isExpired(inst: InstanceRecord, now = Date.now()): boolean {
    if (inst.LockReasons.some((r) => r === "financial" || r === "expired")) return true;
    return inst.InstanceChargeType === "PrePaid" && inst.ExpiredTime !== "" && Date.parse(inst.ExpiredTime) < now;
  }

  /** "42%" for a progressing snapshot, from its completion transition. */
  snapshotProgress(snap: SnapshotRecord, now = Date.now()): string {
    if (snap.Status !== "progressing") return snap.Progress;
    const t = this.transitions.find((x) => x.Kind === "SnapshotComplete" && x.SnapshotId === snap.SnapshotId);
    if (!t) return snap.Progress;
    const span = Math.max(1, t.DueAt - t.StartedAt);
    return `${Math.min(99, Math.max(0, Math.floor(((now - t.StartedAt) / span) * 100)))}%`;
  }

  hasUnfinishedSnapshot(diskId: string): boolean {
    return [...this.snapshots.values()].some((s) => s.SourceDiskId === diskId && s.Status === "progressing");
  }

  systemDiskOf(instanceId: string): DiskRecord | undefined {
    return [...this.disks.values()].find((d) => d.InstanceId === instanceId && d.Type === "system");
  }

  keyPair(regionId: string, name: string): KeyPairRecord | undefined {
    return this.keyPairs.get(`${regionId}/${name}`);
  }

  regions(): string[] {
    const ids = new Set<string>();
    for (const m of [this.instances, this.disks, this.snapshots, this.images]) for (const r of m.values()) ids.add(r.RegionId);
    return [...ids];
  }

  // ---- helpers for tests and demos (out-of-band changes, like the console would make) ----

  lockInstance(instanceId: string, reason = "security"): void {
    const inst = this.mustInstance(instanceId);
    if (!inst.LockReasons.includes(reason)) inst.LockReasons.push(reason);
    this.changed();
  }

  unlockInstance(instanceId: string, reason?: string): void {
    const inst = this.mustInstance(instanceId);
    inst.LockReasons = reason ? inst.LockReasons.filter((r) => r !== reason) : [];
    this.changed();
  }

  setInstanceImage(instanceId: string, imageId: string): void {
    this.mustInstance(instanceId).ImageId = imageId;
    const sys = this.systemDiskOf(instanceId);
    if (sys) sys.ImageId = imageId;
    this.changed();
  }

  setInstanceStatus(instanceId: string, status: string): void {
    this.mustInstance(instanceId).Status = status;
    this.changed();
  }

  private mustInstance(id: string): InstanceRecord {
    const inst = this.instances.get(id);
    if (!inst) throw new Error(`no instance ${id}`);
    return inst;
  }
}
