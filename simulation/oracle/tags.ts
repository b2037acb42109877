// No `diskops:` tag is left on any instance or disk once every participant has finished.
// (`diskops:resizable` is the emulator's own seed marker for images, not the provider's.)
import { RESIZABLE_TAG } from "../../emulator/model/seed";
import type { RunFacts, Violation } from "./index";

export function checkTags(facts: RunFacts): Violation[] {
  const left: string[] = [];
  for (const r of [...facts.cloud.instances.values(), ...facts.cloud.disks.values()]) {
    const id = "InstanceId" in r && !("DiskId" in r) ? r.InstanceId : (r as { DiskId: string }).DiskId;
    for (const t of r.Tags ?? []) if (t.TagKey.startsWith("diskops:") && t.TagKey !== RESIZABLE_TAG) left.push(`${id} ${t.TagKey}=${t.TagValue}`);
  }
  return left.length ? [{ invariant: "tags", message: `diskops: tags left after every participant finished: ${left.join("; ")}.` }] : [];
}
