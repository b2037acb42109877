// Every failure is a clear error, never a silently wrong state:
//  - what a failed create/update throws is an Error whose message says what happened (names the
//    resource kind, an ECS action or the instance/disk) and what to do about it;
//  - a failure that says "nothing was changed" changed nothing;
//  - a DiskRestore that succeeded reports every disk rolled back to the snapshot asked for.
import { mayHaveMutated, successful } from "../history";
import type { RunFacts, Violation } from "./index";

/** Words that tell the user what to do next. */
const REMEDY = /run (`pulumi up` |the update )?again|Remedy:|[Ss]tart it|[Cc]heck|[Cc]hoose|[Rr]aise|[Gg]rant|[Ff]ix|[Ss]plit|[Ss]top the instance|[Ww]ait|[Ss]et |[Rr]etry|[Rr]emove|[Dd]rop|[Uu]se /;
const GARBLE = /\bundefined\b|\[object Object\]|\bNaN\b/;

export function checkErrors(facts: RunFacts): Violation[] {
  const out: Violation[] = [];
  for (const chain of facts.chains) {
    const { participant } = chain;
    const subjects = [participant.kind, "ECS ", `i-sim-${participant.instance}`, `d-sim-${participant.instance}`];
    for (const a of chain.attempts) {
      if (a.outcome === "failed") {
        const err = a.error;
        const message = err instanceof Error ? err.message : undefined;
        const problems: string[] = [];
        if (!(err instanceof Error)) problems.push(`threw ${typeof err} ${String(err).slice(0, 80)}, not an Error`);
        else if (message!.length < 40) problems.push("the message is too short to say what happened and what to do");
        else {
          if (!subjects.some((s) => message!.includes(s))) problems.push("the message names neither the resource, an ECS action, nor the instance or disk");
          if (!REMEDY.test(message!)) problems.push("the message does not say what to do");
          if (GARBLE.test(message!)) problems.push("the message contains undefined/NaN/[object Object]");
        }
        if (problems.length) out.push({ invariant: "clear-error", message: `${a.name} failed unclearly (${problems.join("; ")}): ${String(message ?? err).slice(0, 300)}` });
        if (message && /nothing was changed/i.test(message)) {
          const changed = a.calls.filter((c) => mayHaveMutated(c) && (successful(c) || c.fate === "lost" || c.fate === "crash-after"));
          if (changed.length) {
            out.push({ invariant: "clear-error", message: `${a.name} said "nothing was changed" after ECS carried out ${changed.map((c) => c.action).join(", ")}.` });
          }
        }
      }
      if (a.outcome === "success" && participant.kind === "DiskRestore") {
        const results = (a.outputs?.results ?? []) as { diskId: string; snapshotId: string; status: string }[];
        const asked = participant.inputs.disks as { diskId: string; snapshotId: string }[];
        const wrong = asked.filter((d) => !results.some((r) => r.diskId === d.diskId && r.snapshotId === d.snapshotId && r.status === "Success"));
        if (wrong.length) out.push({ invariant: "clear-error", message: `${a.name} succeeded but its results do not show ${wrong.map((d) => d.diskId).join(", ")} rolled back.` });
      }
    }
  }
  return out;
}
