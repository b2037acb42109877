// Each instance ends in the power state its participants' policies promise.
//
// The promise is about windows: a window is the stretch during which an instance is held stopped
// for one or more participants. Participants that overlap in one window share one outcome: Running
// if any of them wants Running, where "start" wants Running, "leave-stopped" wants Stopped,
// "restore"/"fail-if-running" want the state before the window, and a failed participant wants the
// state before the window whatever its policy. Windows that follow each other do not share: each
// starts from the state the previous one left.
//
// Which participants shared a window is the protocol's choice, so the oracle does not ask it: it
// enumerates every grouping of the attempts into a sequence of windows that the recorded history
// allows, and accepts the final state if any grouping yields it. What the history rules out:
//  - an attempt that returned successfully before another started was in an earlier window (it
//    returns only once its window is closed); a failed or killed one may have left its window
//    open (a waiter that gave up, a dead process's record), so it is at most in the same window,
//    and only while its record was live for the newcomer (or the newcomer is its own re-run);
//  - a "fail-if-running" participant that succeeded did not find its window's before Running;
//  - a window whose only members are dead processes leaves the state as it was, or, when the dead
//    process's intent may have been forgotten, as its last power call left it. It may be forgotten
//    only once its record expired in the eyes of another participant that was running after the
//    death (its own re-run must resume it, however late: it is the record's owner).
// A dead process that had done its work may have recorded its wish, which the window's closer
// honours; so a window with such a member may also end as if it had succeeded.
// Attempts that sent no mutating call took part in no window. A failure that says the power
// restore itself failed (the user is told to start the instance) leaves the window's outcome open.
import type { AttemptRecord } from "../history";
import { mayHaveMutated, successful } from "../history";
import { instanceId } from "../fleet";
import type { Policy } from "../scenario";
import { leaseMs } from "../../provider/operations/window/cloud-window";
import { EXPIRY_MARGIN_MS } from "../../provider/operations/window/record";
import type { RunFacts, Violation } from "./index";

type Power = "Running" | "Stopped";

interface Segment {
  attempt: AttemptRecord;
  kind: "success" | "failed" | "dead";
  policy: Policy;
  /** Dead: the state its last carried-out Stop/StartInstance left. */
  effect?: Power;
  /** Failed with the power restore itself failing: the window's outcome is not promised. */
  unsettled: boolean;
  /** Dead, and its record expired for some other participant running after the death. */
  forgettable: boolean;
  /**
   * Dead after its work was carried out and before any StartInstance of its own: it may have
   * recorded its wish ("done"), which whoever closes its window honours. A process that died after
   * starting the instance had already carried its wish out; a later newcomer does not inherit it.
   */
  mayHaveWished: boolean;
}

/** Words of the failure message that say the power state could not be settled (the user must act). */
export const POWER_NOT_SETTLED = /restoring its power state failed|starting it failed/;
const WORK_ACTIONS = new Set(["ResetDisk", "ResetDisks", "ReplaceSystemDisk"]);
/** Beyond this many attempts on one instance the enumeration is skipped (none of the drawn scenarios get close). */
const MAX_SEGMENTS = 14;

export function checkPower(facts: RunFacts): Violation[] {
  const out: Violation[] = [];
  facts.scenario.instanceStatuses.forEach((initial, i) => {
    const id = instanceId(i + 1);
    const segments = segmentsOf(facts, i + 1);
    const record = facts.cloud.instances.get(id);
    const final = record?.Status;
    const locks = facts.cloud.instanceLocks(id).map((l) => l.LockReason);
    if (final !== "Running" && final !== "Stopped") {
      out.push({ invariant: "power", message: `${id} ended ${final} (not settled) after every participant finished.` });
      return;
    }
    if (segments.length > MAX_SEGMENTS) return;
    const acceptable = acceptableFinals(initial, segments);
    if (!acceptable.has(final)) {
      const who = segments.map((s) => `${s.attempt.name} ${s.policy} ${s.kind}`).join(", ");
      out.push({
        invariant: "power",
        message:
          `${id} ended ${final}, but its participants' policies promise ${[...acceptable].join(" or ") || "nothing consistent"} ` +
          `(it was ${initial} at the start; attempts that touched it: ${who || "none"}).` + (locks.length ? ` Locks: ${locks.join(", ")}.` : ""),
      });
    }
  });
  return out;
}

/**
 * How long a record may outlive its holder (the protocol's lease, provider/operations/window/
 * cloud-window.ts): the holder renews it every lease/4 while it lives, so after its death it lives
 * between lease - lease/4 and lease + the 10 s rounding + the 5 s expiry margin. Record times are
 * ECS's (the Date header), so participants' clock skew plays no part.
 */
export function recordLifeAfterDeathMs(): { least: number; most: number } {
  const lease = leaseMs();
  return { least: lease - lease / 4, most: lease + 10_000 + EXPIRY_MARGIN_MS };
}

/** Some attempt of another participant on the instance ran after `dead`'s record may have expired. */
function mayBeForgotten(facts: RunFacts, dead: AttemptRecord): boolean {
  const { least } = recordLifeAfterDeathMs();
  return facts.chains.some(
    (c) =>
      c.participant !== dead.participant &&
      c.participant.instance === dead.participant.instance &&
      c.attempts.some((o) => {
        const end = o.end ?? facts.now;
        return end > (dead.end ?? 0) + least;
      }),
  );
}

function segmentsOf(facts: RunFacts, instance: number): Segment[] {
  const out: Segment[] = [];
  for (const chain of facts.chains) {
    if (chain.participant.instance !== instance) continue;
    for (const a of chain.attempts) {
      if (!a.outcome || !a.calls.some(mayHaveMutated)) continue;
      const policy = (a.participant.inputs.powerPolicy ?? "restore") as Policy;
      const kind = a.outcome === "crashed" ? "dead" : a.outcome === "success" ? "success" : "failed";
      const power = a.calls.filter((c) => (c.action === "StopInstance" || c.action === "StartInstance") && c.query.DryRun !== "true" && successful(c));
      const last = power[power.length - 1];
      out.push({
        attempt: a,
        kind,
        policy,
        effect: last ? (last.action === "StopInstance" ? "Stopped" : "Running") : undefined,
        unsettled: kind === "failed" && POWER_NOT_SETTLED.test(String((a.error as Error)?.message ?? "")),
        forgettable: kind === "dead" && mayBeForgotten(facts, a),
        mayHaveWished:
          kind === "dead" &&
          a.calls.some((c) => WORK_ACTIONS.has(c.action) && c.query.DryRun !== "true" && successful(c)) &&
          !a.calls.some((c) => c.action === "StartInstance" && c.query.DryRun !== "true" && successful(c)),
      });
    }
  }
  return out;
}

/**
 * Whether Y, which started after X ended, could still join X's window: its own run resumes it
 * always; another participant only while X's record may still have been live (a lease after X's end).
 */
function couldJoin(x: Segment, y: Segment): boolean {
  if (x.attempt.participant === y.attempt.participant) return true;
  return y.attempt.start <= (x.attempt.end ?? Infinity) + recordLifeAfterDeathMs().most;
}

/** X's window comes strictly before Y's: X ended before Y started, and either returned successfully (its window was closed) or its window was over for Y. */
function strictlyBefore(x: Segment, y: Segment): boolean {
  return (x.attempt.end ?? Infinity) < y.attempt.start && (x.kind === "success" || !couldJoin(x, y));
}

/** X's window is not after Y's: X ended (failed or died) before Y started, its window possibly still open. */
function notAfter(x: Segment, y: Segment): boolean {
  return (x.attempt.end ?? Infinity) < y.attempt.start && !strictlyBefore(x, y);
}

function wants(s: Segment, before: Power): Power {
  if (s.kind === "failed") return before;
  // A dead one's recorded wish is its policy's, as if it had succeeded.
  switch (s.policy) {
    case "start":
      return "Running";
    case "leave-stopped":
      return "Stopped";
    default:
      return before;
  }
}

/** The states a window can end in, from the state before it; none when the grouping is impossible. */
function windowOutcomes(members: Segment[], before: Power): Power[] {
  const completed = members.filter((m) => m.kind !== "dead");
  if (completed.some((m) => m.kind === "success" && m.policy === "fail-if-running" && before === "Running")) return [];
  if (completed.some((m) => m.unsettled)) return ["Running", "Stopped"];
  if (completed.length) {
    const own = completed.some((m) => wants(m, before) === "Running");
    const wished = members.some((m) => m.mayHaveWished && wants(m, before) === "Running");
    return [...new Set<Power>([own ? "Running" : "Stopped", own || wished ? "Running" : "Stopped"])];
  }
  return [...new Set([before, ...members.filter((m) => m.forgettable).map((m) => m.effect).filter((e): e is Power => !!e)])];
}

export function acceptableFinals(initial: Power, segments: Segment[]): Set<Power> {
  const n = segments.length;
  const full = (1 << n) - 1;
  const strictPreds = segments.map((y) => segments.reduce((m, x, j) => (strictlyBefore(x, y) ? m | (1 << j) : m), 0));
  const weakPreds = segments.map((y) => segments.reduce((m, x, j) => (notAfter(x, y) ? m | (1 << j) : m), 0));
  const finals = new Set<Power>();
  const seen = new Set<number>();
  const visit = (mask: number, state: Power): void => {
    const key = mask * 2 + (state === "Running" ? 1 : 0);
    if (seen.has(key)) return;
    seen.add(key);
    if (mask === full) {
      finals.add(state);
      return;
    }
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) if (!(mask & (1 << i)) && (strictPreds[i] & ~mask) === 0) candidates.push(i);
    for (let pick = 1; pick < 1 << candidates.length; pick++) {
      let window = 0;
      candidates.forEach((c, k) => {
        if (pick & (1 << k)) window |= 1 << c;
      });
      const members: Segment[] = [];
      let ok = true;
      for (let i = 0; i < n && ok; i++) {
        if (!(window & (1 << i))) continue;
        if ((weakPreds[i] & ~(mask | window)) !== 0) ok = false;
        members.push(segments[i]);
      }
      if (!ok) continue;
      for (const next of windowOutcomes(members, state)) visit(mask | window, next);
    }
  };
  visit(0, initial);
  return finals;
}
