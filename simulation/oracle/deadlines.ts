// No participant waits past its own deadline, and none hangs. A provider process's longest honest
// run is bounded by its own `timeouts`: waiting for a stable instance or another's close (stop),
// the stop, the safety snapshot, the work, waiting for the other participants (bounded by its
// whole budget) and the start; plus a few minutes for reads and their retries.
import type { ParticipantPlan } from "../scenario";
import { stepTimeoutMs } from "../../provider/operations/timeouts";
import type { RunFacts, Violation } from "./index";
import { fmtDuration } from "../trace-format";

const SLACK_MS = 5 * 60_000;

export function attemptBoundMs(plan: ParticipantPlan): number {
  const t = plan.inputs.timeouts as Record<string, string> | undefined;
  const work = stepTimeoutMs(t, plan.kind === "DiskRestore" ? "restore" : "replace");
  const snapshot = (plan.inputs.safetySnapshot as { enabled?: boolean } | undefined)?.enabled ? stepTimeoutMs(t, "snapshot") : 0;
  const stop = stepTimeoutMs(t, "stop");
  const start = stepTimeoutMs(t, "start");
  return stop + stop + snapshot + work + start + start + SLACK_MS;
}

export function checkDeadlines(facts: RunFacts): Violation[] {
  const out: Violation[] = [];
  for (const chain of facts.chains) {
    const bound = attemptBoundMs(chain.participant);
    for (const a of chain.attempts) {
      if (a.outcome === "crashed") continue;
      if (a.end === undefined) {
        out.push({
          invariant: "hang",
          message: `${a.name} never finished: still running ${fmtDuration(facts.now - a.start)} after it started (its own timeouts allow ${fmtDuration(bound)}).`,
        });
      } else if (a.end - a.start > bound) {
        out.push({
          invariant: "deadline",
          message: `${a.name} ran ${fmtDuration(a.end - a.start)}, past what its own timeouts allow (${fmtDuration(bound)}).`,
        });
      }
    }
    if (!chain.attempts.length && facts.hung) out.push({ invariant: "hang", message: `${chain.participant.name} never started before the run stopped.` });
  }
  return out;
}
