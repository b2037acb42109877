// At most one replacement per replacement request: each SystemDiskReplacement participant (all its
// attempts are one request) made ECS create at most one new system disk. The instance ends on the
// image of the last successful replacement, and a successful replacement's outputs tell the truth
// about which disk it replaced and which it attached.
import { IMAGES, instanceId, systemDiskId } from "../fleet";
import { successful } from "../history";
import { acceptableTargets, type Claim } from "./outcomes";
import type { RunFacts, Violation } from "./index";

export function checkReplacements(facts: RunFacts): Violation[] {
  const out: Violation[] = [];
  facts.scenario.instanceStatuses.forEach((_, i) => {
    const id = instanceId(i + 1);
    const claims: Claim[] = [];
    const createdBy = new Map<string, Set<string>>();
    for (const chain of facts.chains) {
      if (chain.participant.kind !== "SystemDiskReplacement" || chain.participant.instance !== i + 1) continue;
      const created = new Set<string>();
      for (const a of chain.attempts) {
        for (const c of a.calls) if (c.action === "ReplaceSystemDisk" && successful(c) && c.body?.DiskId) created.add(String(c.body.DiskId));
      }
      createdBy.set(chain.participant.name, created);
      if (created.size > 1) {
        out.push({
          invariant: "replacement",
          message: `${chain.participant.name} replaced the system disk of ${id} ${created.size} times (new disks ${[...created].join(", ")}); one request must replace it at most once.`,
        });
      }
      claims.push({ chain, target: String(chain.participant.inputs.imageId), applied: created.size > 0 });
    }
    if (!claims.length) return;
    const acceptable = acceptableTargets(claims);
    if (acceptable.size === 0) acceptable.add(IMAGES[0]); // fleet.ts: every instance starts on the first image
    const image = facts.cloud.instances.get(id)?.ImageId ?? "";
    if (!acceptable.has(image)) {
      out.push({ invariant: "replacement", message: `${id} ended on image ${image}; expected ${[...acceptable].join(" or ")} (the last successful replacement's).` });
    }
    const allNew = new Set([...createdBy.values()].flatMap((s) => [...s]));
    for (const chain of facts.chains) {
      if (chain.participant.kind !== "SystemDiskReplacement" || chain.participant.instance !== i + 1 || chain.outcome !== "success") continue;
      const outs = chain.attempts[chain.attempts.length - 1].outputs ?? {};
      const now = String(outs.systemDiskId ?? "");
      const previous = String(outs.previousSystemDiskId ?? "");
      const own = createdBy.get(chain.participant.name) ?? new Set<string>();
      const problems: string[] = [];
      if (!allNew.has(now)) problems.push(`systemDiskId ${now || "(empty)"} is no disk a replacement created`);
      // Empty means "not known" (a re-run whose record was gone: docs/CRASH-SAFETY.md, Limits): true, not false.
      if (previous === "") {
        // nothing claimed
      } else if (previous === now || own.has(previous)) problems.push(`previousSystemDiskId ${previous} names the new disk, not the replaced one`);
      else if (previous !== systemDiskId(i + 1) && !allNew.has(previous)) problems.push(`previousSystemDiskId ${previous} was never a system disk of ${id}`);
      if (problems.length) out.push({ invariant: "replacement", message: `${chain.participant.name} succeeded with outputs that are not true: ${problems.join("; ")}.` });
    }
  });
  return out;
}

