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
import type { InstanceInfo, StopOptions } from "../ecs/api";
import type { PowerPolicy } from "./types";
import { errorMessage } from "./errors";
import type { OpsContext } from "./ops-context";
import { startAndWait, stopAndWait, waitForStable } from "./power";
import { deadlineFor } from "./timeouts";

export interface PowerRequest {
  regionId: string;
  instanceId: string;
  policy: PowerPolicy;
  stop: StopOptions;
  stopTimeoutMs: number;
  startTimeoutMs: number;
}

export interface SessionClose {
  statusAfter: string;
  /** Request id of the StartInstance this session sent, if it sent one. */
  startRequestId?: string;
  /** Why restoring the power state failed, when it did. */
  restoreError?: string;
}

class InstanceSession {
  participants = 0;
  wantRunning = false;
  closing = false;
  stoppedByUs = false;
  stopRequestId?: string;
  startTimeoutMs = 0;
  statusBefore?: string;
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

const sessions = new Map<string, InstanceSession>();

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
  /**
   * Leaves the window. `succeeded` false means: restore the state before, whatever the policy.
   * Resolves when the last participant has left and power is settled.
   */
  leave(succeeded: boolean): Promise<SessionClose>;
}

export async function joinSession(ctx: OpsContext, req: PowerRequest): Promise<Participation> {
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
    s.observed = waitForStable(ctx, req.regionId, req.instanceId, {
      step: "stop",
      timeoutMs: req.stopTimeoutMs,
      deadline: deadlineFor(req.stopTimeoutMs),
    }).then((i) => {
      s.statusBefore = i.status;
      return i;
    });
  }
  const s = session;
  s.participants++;
  s.startTimeoutMs = Math.max(s.startTimeoutMs, req.startTimeoutMs);

  let left = false;
  const leave = (succeeded: boolean): Promise<SessionClose> => {
    if (!left) {
      left = true;
      const before = s.statusBefore;
      s.wantRunning ||= succeeded ? resolvesToRunning(req.policy, before) : before === "Running";
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
  return {
    statusBefore: observed.status,
    stoppedByUs: () => s.stoppedByUs,
    stopRequestId: () => s.stopRequestId,
    ensureStopped: () => {
      s.stopped ??= (async () => {
        if (s.statusBefore === "Stopped") return;
        s.stoppedByUs = true;
        const stop = await stopAndWait(ctx, req.regionId, req.instanceId, req.stop, {
          step: "stop",
          timeoutMs: req.stopTimeoutMs,
          deadline: deadlineFor(req.stopTimeoutMs),
        });
        s.stopRequestId = stop.requestId;
      })();
      return s.stopped;
    },
    leave,
  };
}

function resolvesToRunning(policy: PowerPolicy, before: string | undefined): boolean {
  switch (policy) {
    case "start":
      return true;
    case "leave-stopped":
      return false;
    default: // restore, fail-if-running (which only proceeds on a non-Running instance)
      return before === "Running";
  }
}

async function close(ctx: OpsContext, req: PowerRequest, s: InstanceSession): Promise<void> {
  s.closing = true;
  const limit = { step: "start", timeoutMs: s.startTimeoutMs, deadline: deadlineFor(s.startTimeoutMs) };
  try {
    if (s.stopped) await s.stopped.catch(() => undefined); // a stop still in flight must end first
    if (s.wantRunning) {
      const started = await startAndWait(ctx, req.regionId, req.instanceId, limit);
      s.settle({ statusAfter: started.instance.status, startRequestId: started.requestId });
    } else {
      s.settle({ statusAfter: (await ctx.readInstance(req.regionId, req.instanceId))?.status ?? "unknown" });
    }
  } catch (err) {
    const now = await ctx.readInstance(req.regionId, req.instanceId).catch(() => undefined);
    s.settle({ statusAfter: now?.status ?? "unknown", restoreError: errorMessage(err) });
  } finally {
    if (sessions.get(s.key) === s) sessions.delete(s.key);
  }
}

/** For tests: how many sessions are open. */
export function openSessionCount(): number {
  return sessions.size;
}
