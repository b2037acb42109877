// Per-instance coordination inside one provider process.
//
// All dynamic resources of a program share one provider process, and Pulumi runs independent
// resources concurrently. Several resources acting on the same instance must not interleave
// stop/act/start wrongly. A session is the window during which the instance is held stopped:
//  - the first participant records the power state before and (when someone needs it) stops;
//  - later participants join the same window;
//  - the last one to finish restores power once. The final state is Running if any
//    participant's policy resolves to Running ("restore" = the state before the first
//    participant), otherwise Stopped.
// Every participant waits for the session to close, so all report the same final state.
// Under the session lies the intent record in the cloud (cloud-window.ts): the same window, shared
// with other processes and with a later run after a crash.
import type { InstanceInfo, StopOptions } from "../ecs/api";
import { CloudWindow, type IntentSpec } from "./cloud-window";
import type { OpRecord } from "./intent-record";
import { wantsRunning } from "./intent-record";
import type { PowerPolicy } from "./types";
import { errorMessage } from "./errors";
import type { OpsContext } from "./ops-context";
import { startAndWait, stopAndWait, waitForStable } from "./power";
import { deadlineFor } from "./timeouts";
import { now as clockNow, processLocal } from "../ecs/process-scope";

export interface PowerRequest {
  regionId: string;
  instanceId: string;
  policy: PowerPolicy;
  stop: StopOptions;
  stopTimeoutMs: number;
  startTimeoutMs: number;
  /** This participant's intent record; without it the window lives only in this process. */
  intent?: IntentSpec;
}

export interface SessionClose {
  statusAfter: string;
  /** Request id of the StartInstance this session sent, if it sent one. */
  startRequestId?: string;
  /** Why restoring the power state failed, when it did. */
  restoreError?: string;
  /** What the intent record showed or did (resumed runs, expired records, tagging denied). */
  notes: string[];
}

class InstanceSession {
  participants = 0;
  wantRunning = false;
  closing = false;
  stoppedByUs = false;
  stopRequestId?: string;
  startTimeoutMs = 0;
  statusBefore?: string;
  cloud?: CloudWindow;
  /** Records of this session's participants found in the cloud (resumed runs), by intent id. */
  resumed = new Map<string, OpRecord>();
  /** True once a participant wrote its record (the cloud window must then be closed). */
  entered = false;
  /** Records being marked done; the close waits for them. */
  pending: Promise<unknown>[] = [];
  /** Until when the close may wait for participants in other processes: the latest own deadline. */
  waitDeadline = 0;
  observed!: Promise<InstanceInfo>;
  stopped?: Promise<void>;
  readonly closed: Promise<SessionClose>;
  private resolveClosed!: (c: SessionClose) => void;

  constructor(readonly key: string) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  settle(result: SessionClose): void {
    this.resolveClosed(result);
  }
}

/** This process's sessions by region/instance (process-scope.ts: one map per provider process). */
function sessionMap(): Map<string, InstanceSession> {
  return processLocal("operations/instance-sessions", () => new Map<string, InstanceSession>());
}

/** A participant's handle on the window. */
export interface Participation {
  /** The instance's status before the first participant touched it. */
  statusBefore: string;
  /** Resolves once the instance is Stopped (stopping it if this session has not yet). */
  ensureStopped(): Promise<void>;
  /** True once this session has issued StopInstance. */
  stoppedByUs(): boolean;
  /** Request id of the StopInstance the session sent (shared by every participant it served). */
  stopRequestId(): string | undefined;
  /** This participant's own record found in the cloud: an interrupted run being resumed. */
  resumed?: OpRecord;
  /** Records progress in this participant's record (best effort). */
  progress(update: Partial<OpRecord>): Promise<void>;
  /**
   * Leaves the window. `succeeded` false means: restore the state before, whatever the policy.
   * Resolves when the last participant has left and power is settled.
   */
  leave(succeeded: boolean): Promise<SessionClose>;
}

export async function joinSession(ctx: OpsContext, req: PowerRequest): Promise<Participation> {
  const sessions = sessionMap();
  const key = `${req.regionId}/${req.instanceId}`;
  let session = sessions.get(key);
  // A session restoring power cannot take new work: wait for it, then open a fresh one.
  while (session?.closing) {
    await session.closed;
    session = sessions.get(key);
  }
  if (!session) {
    session = new InstanceSession(key);
    sessions.set(key, session);
    const s = session;
    const limit = { step: "stop", timeoutMs: req.stopTimeoutMs, deadline: deadlineFor(req.stopTimeoutMs) };
    if (req.intent) s.cloud = new CloudWindow(ctx, req.regionId, req.instanceId);
    s.observed = waitForStable(ctx, req.regionId, req.instanceId, limit).then(async (first) => {
      // The record may say the instance was Running before an interrupted run (or another
      // process) stopped it: that, not what is found now, is the state before. The status and
      // the record are two reads: without a record, look again, and read both again if the
      // status moved in between (another process opened or closed its window meanwhile).
      let i = first;
      for (let attempt = 0; ; attempt++) {
        const opened = s.cloud ? await s.cloud.open(req.intent ? [req.intent.id] : [], limit.deadline) : undefined;
        opened?.resumed.forEach((op, id) => s.resumed.set(id, op));
        s.statusBefore = opened?.before ?? i.status;
        if (!s.cloud || opened?.before !== undefined || attempt >= 3) return i;
        const again = await waitForStable(ctx, req.regionId, req.instanceId, limit);
        if (again.status === i.status) return i;
        i = again;
      }
    });
  }
  const s = session;
  s.participants++;
  s.startTimeoutMs = Math.max(s.startTimeoutMs, req.startTimeoutMs);
  if (req.intent) s.waitDeadline = Math.max(s.waitDeadline, clockNow() + req.intent.budgetMs);
  let entered: Promise<void> | undefined;

  let left = false;
  const leave = (succeeded: boolean): Promise<SessionClose> => {
    if (!left) {
      left = true;
      const want = wantsRunning(req.policy, s.statusBefore, succeeded);
      s.wantRunning ||= want;
      if (entered && req.intent && s.cloud) {
        const { cloud } = s;
        const id = req.intent.id;
        s.pending.push(entered.then(() => cloud.done(id, want)).catch(() => undefined));
      }
      if (--s.participants === 0) void close(ctx, req, s);
    }
    return s.closed;
  };

  let observed: InstanceInfo;
  try {
    observed = await s.observed;
  } catch (err) {
    await leave(false);
    throw err;
  }
  void observed;
  const resumed = req.intent ? s.resumed.get(req.intent.id) : undefined;
  if (resumed?.state === "done" && s.cloud) {
    // Its work is done; only the close (start if wanted, remove the record) is left to finish.
    s.cloud.adopt(resumed);
    s.entered = true;
  }
  return {
    statusBefore: s.statusBefore ?? observed.status,
    stoppedByUs: () => s.stoppedByUs,
    stopRequestId: () => s.stopRequestId,
    resumed,
    progress: async (update) => {
      if (req.intent && s.cloud) await s.cloud.progress(req.intent.id, update).catch(() => undefined);
    },
    ensureStopped: async () => {
      // Our record goes to the cloud before the first mutating call (the stop included).
      if (req.intent && s.cloud) {
        const { cloud, statusBefore } = s;
        const intent = req.intent;
        entered ??= cloud.enter(intent, req.policy, statusBefore ?? observed.status, resumed, deadlineFor(req.stopTimeoutMs)).then(() => {
          s.entered ||= cloud.enabled;
        });
        await entered;
      }
      s.stopped ??= (async () => {
        // Without a record, "Stopped before" means no stop. With one, the instance may have been
        // started meanwhile by a window that closed: look (a Stopped instance costs one read).
        if (s.statusBefore === "Stopped" && !s.cloud?.enabled) return;
        if (s.statusBefore !== "Stopped") s.stoppedByUs = true;
        const stop = await stopAndWait(ctx, req.regionId, req.instanceId, req.stop, {
          step: "stop",
          timeoutMs: req.stopTimeoutMs,
          deadline: deadlineFor(req.stopTimeoutMs),
        });
        if (stop.requestId) s.stoppedByUs = true;
        s.stopRequestId = stop.requestId;
      })();
      return s.stopped;
    },
    leave,
  };
}

async function close(ctx: OpsContext, req: PowerRequest, s: InstanceSession): Promise<void> {
  s.closing = true;
  const notes = () => s.cloud?.notes ?? [];
  try {
    if (s.stopped) await s.stopped.catch(() => undefined); // a stop still in flight must end first
    await Promise.all(s.pending);
    let startRequestId: string | undefined;
    let started: InstanceInfo | undefined;
    const start = async () => {
      const limit = { step: "start", timeoutMs: s.startTimeoutMs, deadline: deadlineFor(s.startTimeoutMs) };
      const result = await startAndWait(ctx, req.regionId, req.instanceId, limit);
      startRequestId = result.requestId;
      started = result.instance;
    };
    if (s.cloud && s.entered) await s.cloud.close(s.wantRunning, s.waitDeadline, s.startTimeoutMs, start);
    else if (s.wantRunning) await start();
    const statusAfter = started?.status ?? (await ctx.readInstance(req.regionId, req.instanceId))?.status ?? "unknown";
    s.settle({ statusAfter, startRequestId, notes: notes() });
  } catch (err) {
    const now = await ctx.readInstance(req.regionId, req.instanceId).catch(() => undefined);
    s.settle({ statusAfter: now?.status ?? "unknown", restoreError: errorMessage(err), notes: notes() });
  } finally {
    const sessions = sessionMap();
    if (sessions.get(s.key) === s) sessions.delete(s.key);
  }
}

/** For tests: how many sessions are open. */
export function openSessionCount(): number {
  return sessionMap().size;
}
