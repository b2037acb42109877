// Per-instance coordination inside one provider process.
//
// All dynamic resources of a program share one provider process, and Pulumi runs independent
// resources concurrently. Several resources acting on the same instance must not interleave
// stop/act/start wrongly. A session is the window during which the instance is held stopped:
//  - the first participant enters the window (cloud-window.ts: the record on the instance) and
//    learns the power state before it; later participants join the same session;
//  - the instance is stopped once, when the first participant needs it stopped;
//  - the last one to finish closes: the final state is Running if any participant's policy
//    resolves to Running ("restore" = the state before the window), otherwise Stopped.
// Every participant waits for the session to close, so all report the same final state.
import { randomBytes } from "crypto";
import type { InstanceInfo, StopOptions } from "../../ecs/api";
import { now, processLocal } from "../../ecs/process-scope";
import { errorMessage, RefusedError } from "../errors";
import type { OpsContext } from "../ops-context";
import { startAndWait, stopAndWait, waitForStable } from "../power";
import { deadlineFor } from "../timeouts";
import type { PowerPolicy } from "../types";
import { CloudWindow, type Entered, WindowWaitError } from "./cloud-window";
import { type HolderRecord, wantsRunning } from "./record";

/** What a participant tells the record about itself (built by the resource logic). */
export interface IntentSpec {
  /** The stack it belongs to (record.ts stackOwnerId), or an id of the resource's own when unknown. */
  owner: string;
  /** The id the previous record format gave this operation (its legacy record is ours). */
  legacyId?: string;
  kind: "restore" | "replace";
  /** The operation's own time budget (stop + work + start): its record expires after it. */
  budgetMs: number;
  /** replace: the system disk before the replacement, and the instance's image before it. */
  from?: string;
  was?: string;
}

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
  /**
   * Call when the resource's run is over (outputs built): the session's record is removed once
   * every participant released it, as their last ECS call. Idempotent.
   */
  release: () => Promise<void>;
  statusAfter: string;
  /** Request id of the StartInstance this session sent, if it sent one. */
  startRequestId?: string;
  /** Why restoring the power state failed, when it did. */
  restoreError?: string;
  /**
   * The close gave up waiting for another operation still in the window: this run's record stays
   * (done, with its wish); a re-run must come back to close the window.
   */
  closePending?: boolean;
  /** What the intent record showed or did (resumed runs, expired records, tagging denied). */
  notes: string[];
}

class InstanceSession {
  participants = 0;
  wantRunning = false;
  failed = false;
  closing = false;
  stoppedByUs = false;
  stopRequestId?: string;
  startTimeoutMs = 0;
  statusBefore?: string;
  cloud?: CloudWindow;
  entered?: Entered;
  /** A replacement is part of this session (a second one is refused). */
  replacing = false;
  /** Participants whose last mutating call was accepted (only waiting is left). */
  ending = 0;
  /** A participant left with a wish about the power state (every one but a refused one). */
  wished = false;
  /** Until when the close may wait for participants in other processes: the latest own deadline. */
  waitDeadline = 0;
  observed!: Promise<InstanceInfo>;
  /** Participants that have not yet released the record after the close. */
  holding = 0;
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
  return processLocal("window/sessions", () => new Map<string, InstanceSession>());
}

/** This process's incarnation id: its records never overwrite what a predecessor wrote. */
function incarnation(): string {
  return processLocal("window/incarnation", () => randomBytes(2).toString("hex"));
}

/** A participant's handle on the window. */
export interface Participation {
  /** The instance's status before the window (the record's, when one was found). */
  statusBefore: string;
  /** Resolves once the instance is Stopped (stopping it if this session has not yet). */
  ensureStopped(): Promise<void>;
  /** True once this session has issued StopInstance. */
  stoppedByUs(): boolean;
  /** Request id of the StopInstance the session sent (shared by every participant it served). */
  stopRequestId(): string | undefined;
  /** Records an interrupted run of this stack left on the instance (a re-run resumes them). */
  resumed: HolderRecord[];
  /** That run finished the work already: only the close is left. */
  workDone: boolean;
  /** This participant's last mutating call was accepted: only waiting for it is left. */
  lastCallAccepted(): void;
  /**
   * Leaves the window. `succeeded` false means: restore the state before, whatever the policy.
   * Resolves when the last participant has left and power is settled.
   */
  leave(succeeded: boolean): Promise<SessionClose>;
  /** Leaves having touched nothing (refused): no wish about the power state. */
  withdraw(): Promise<SessionClose>;
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
  const intent = req.intent;
  if (!session) {
    session = new InstanceSession(key);
    sessions.set(key, session);
    const s = session;
    const limit = { step: "stop", timeoutMs: req.stopTimeoutMs, deadline: deadlineFor(req.stopTimeoutMs) };
    if (intent) s.cloud = new CloudWindow(ctx, req.regionId, req.instanceId, incarnation());
    s.replacing = intent?.kind === "replace";
    s.observed = waitForStable(ctx, req.regionId, req.instanceId, limit).then(async (found) => {
      if (s.cloud && intent) {
        const spec = { owners: [intent.owner], legacyIds: intent.legacyId ? [intent.legacyId] : [], budgetMs: intent.budgetMs, from: intent.from, was: intent.was };
        // Finishing another process's dead close may need a start (its decision stands).
        const startLimit = { step: "start", timeoutMs: req.startTimeoutMs, deadline: deadlineFor(req.startTimeoutMs) };
        const start = async () => void (await startAndWait(ctx, req.regionId, req.instanceId, startLimit));
        s.entered = await s.cloud.enter(spec, found, limit.deadline, () => waitForStable(ctx, req.regionId, req.instanceId, limit), start);
      }
      s.statusBefore = s.entered?.before ?? found.status;
      return found;
    });
  } else if (intent && session.cloud) {
    // Joining a session of this process: its record covers us too.
    const s = session;
    if (intent.kind === "replace" && s.replacing) {
      throw new RefusedError(
        `another SystemDiskReplacement of instance ${req.instanceId} runs in this deployment; one replacement at a time. Nothing was changed: remove one of them.`,
      );
    }
    s.replacing ||= intent.kind === "replace";
    await s.observed.catch(() => undefined);
    await s.cloud!.reopen(); // the window said `ending`: there is more work now
    await s.cloud!.addOwner(intent.owner, intent.legacyId, intent.budgetMs);
    if (intent.kind === "replace" && intent.from) await s.cloud!.addReplacement(intent.from, intent.was);
  }
  const s = session;
  s.participants++;
  s.holding++;
  s.startTimeoutMs = Math.max(s.startTimeoutMs, req.startTimeoutMs);
  if (intent) s.waitDeadline = Math.max(s.waitDeadline, now() + intent.budgetMs);

  let left = false;
  let signalled = false;
  /** When every participant still here has only waiting left, the record says `ending`. */
  const maybeEnding = () => {
    if (s.participants > 0 && s.ending >= s.participants && s.cloud) void s.cloud.ending();
  };
  const depart = (wish: "none" | "ok" | "failed"): Promise<SessionClose> => {
    if (!left) {
      left = true;
      if (wish !== "none") {
        s.wished = true;
        s.wantRunning ||= wantsRunning(req.policy, s.statusBefore, wish === "ok");
      }
      s.failed ||= wish === "failed";
      if (signalled) s.ending--;
      if (--s.participants === 0) void close(ctx, req, s);
      else maybeEnding();
    }
    return s.closed;
  };
  const leave = (succeeded: boolean) => depart(succeeded ? "ok" : "failed");

  let observed: InstanceInfo;
  try {
    observed = await s.observed;
  } catch (err) {
    await (await leave(false)).release();
    throw err;
  }
  return {
    statusBefore: s.statusBefore ?? observed.status,
    stoppedByUs: () => s.stoppedByUs,
    stopRequestId: () => s.stopRequestId,
    resumed: s.entered?.resumed ?? [],
    workDone: s.entered?.workDone ?? false,
    withdraw: () => depart("none"),
    lastCallAccepted: () => {
      if (signalled || left) return;
      signalled = true;
      s.ending++;
      maybeEnding();
    },
    ensureStopped: () => {
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
    let startRequestId: string | undefined;
    let started: InstanceInfo | undefined;
    const start = async () => {
      const limit = { step: "start", timeoutMs: s.startTimeoutMs, deadline: deadlineFor(s.startTimeoutMs) };
      const result = await startAndWait(ctx, req.regionId, req.instanceId, limit);
      startRequestId = result.requestId;
      started = result.instance;
    };
    if (s.cloud && s.entered && !s.wished) {
      // Nobody here touched anything or wishes anything (refused): take the record back, no close.
      await s.cloud.withdraw();
    } else if (s.cloud && s.entered?.windowOver) {
      // A predecessor of this stack closed its window already: confirm and clean up, change no power.
      await s.cloud.closeOver();
    } else if (s.cloud && s.entered) {
      await s.cloud.close(s.wantRunning, s.failed, s.waitDeadline, s.startTimeoutMs, start);
    } else if (s.wantRunning) {
      await start();
    }
    const statusAfter = started?.status ?? (await ctx.readInstance(req.regionId, req.instanceId))?.status ?? "unknown";
    s.settle({ release: releaser(s), statusAfter, startRequestId, notes: notes() });
  } catch (err) {
    const found = await ctx.readInstance(req.regionId, req.instanceId).catch(() => undefined);
    s.settle({
      release: releaser(s),
      statusAfter: found?.status ?? "unknown",
      restoreError: errorMessage(err),
      closePending: err instanceof WindowWaitError,
      notes: notes(),
    });
  } finally {
    const sessions = sessionMap();
    if (sessions.get(s.key) === s) sessions.delete(s.key);
  }
}

/** Each participant's release; the last one removes the record (if the close left it `closed`). */
function releaser(s: InstanceSession): () => Promise<void> {
  return () => {
    s.holding = Math.max(0, s.holding - 1);
    return s.holding === 0 && s.cloud ? s.cloud.release() : Promise.resolve();
  };
}

/** For tests: how many sessions are open. */
export function openSessionCount(): number {
  return sessionMap().size;
}
