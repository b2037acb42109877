// No `diskops:` tag is left on any instance or disk once every participant has finished.
// (`diskops:resizable` is the emulator's own seed marker for images, not the provider's.)
//
// One documented exception (docs/CRASH-SAFETY.md, Limits): a pipeline that gave up (its last
// attempt failed) leaves the record of its unfinished operation for its stack's next run, which
// resumes from it (or for the next window on the instance to remove once 24 h have passed). The
// record is recognised by its owner (the stack, simulation/pipeline.ts) and its phase: work not
// finished (open, ending), or a closed window its re-run would confirm (closed).
// A record that says the work was done and asks for a power state (done, closing) must always go.
import { RESIZABLE_TAG } from "../../emulator/model/seed";
import { stackOwnerId } from "../../provider/operations/window/record";
import type { RunFacts, Violation } from "./index";

/** Whether a leftover tag is the kept record of a participant that gave up. */
function keptForGivenUp(key: string, value: string, givenUp: Set<string>): boolean {
  const owner = /^diskops:owner:([0-9a-f]{12})\.[0-9a-f]{4}$/.exec(key)?.[1];
  if (!owner || !givenUp.has(owner)) return false;
  const phase = value.split(" ")[0];
  return phase === "open" || phase === "ending" || phase === "closed";
}

export function checkTags(facts: RunFacts): Violation[] {
  const givenUp = new Set(facts.chains.filter((c) => c.outcome === "failed").map((c) => stackOwnerId("sim", c.participant.name)));
  const left: string[] = [];
  for (const r of [...facts.cloud.instances.values(), ...facts.cloud.disks.values()]) {
    const id = "InstanceId" in r && !("DiskId" in r) ? r.InstanceId : (r as { DiskId: string }).DiskId;
    for (const t of r.Tags ?? []) {
      if (!t.TagKey.startsWith("diskops:") || t.TagKey === RESIZABLE_TAG) continue;
      if (keptForGivenUp(t.TagKey, t.TagValue, givenUp)) continue;
      left.push(`${id} ${t.TagKey}=${t.TagValue}`);
    }
  }
  return left.length ? [{ invariant: "tags", message: `diskops: tags left after every participant finished: ${left.join("; ")}.` }] : [];
}
