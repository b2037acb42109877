// Every disk is on the snapshot the last successful participant asked for (or, where only failed
// participants touched it, on one of theirs or as it was), and no disk is left mid-reset.
import { dataDisks } from "../fleet";
import { successful, type CallRecord } from "../history";
import { acceptableTargets, type Claim } from "./outcomes";
import type { RunFacts, Violation } from "./index";

export function checkDisks(facts: RunFacts): Violation[] {
  const out: Violation[] = [];
  facts.scenario.instanceStatuses.forEach((_, i) => {
    for (const diskId of dataDisks(i + 1)) {
      const claims: Claim[] = [];
      for (const chain of facts.chains) {
        if (chain.participant.kind !== "DiskRestore") continue;
        const wanted = (chain.participant.inputs.disks as { diskId: string; snapshotId: string }[]).find((d) => d.diskId === diskId);
        if (!wanted) continue;
        const applied = chain.attempts.some((a) => a.calls.some((c) => successful(c) && resets(c, diskId, wanted.snapshotId)));
        claims.push({ chain, target: wanted.snapshotId, applied });
      }
      const disk = facts.cloud.disks.get(diskId);
      const acceptable = acceptableTargets(claims);
      if (acceptable.size === 0) acceptable.add("");
      const actual = disk?.SourceSnapshotId ?? "(missing)";
      if (!acceptable.has(actual) || disk?.Status !== "In_use") {
        out.push({
          invariant: "disks",
          message:
            `${diskId} ended ${disk?.Status} on snapshot ${actual || "(none: never reset)"}; expected In_use on ` +
            `${[...acceptable].map((s) => s || "(none: never reset)").join(" or ")} (asked by ${claims.map((c) => `${c.chain.participant.name}: ${c.target}, ${c.chain.outcome}`).join("; ") || "nobody"}).`,
        });
      }
    }
  });
  return out;
}

/** ECS accepted rolling `diskId` back to `snapshotId` (ResetDisk, or a successful item of ResetDisks). */
function resets(call: CallRecord, diskId: string, snapshotId: string): boolean {
  const { action, query } = call;
  if (action === "ResetDisk") return query.DiskId === diskId && query.SnapshotId === snapshotId;
  if (action !== "ResetDisks") return false;
  let asked = false;
  for (let n = 1; query[`Disk.${n}.DiskId`] !== undefined; n++) {
    if (query[`Disk.${n}.DiskId`] === diskId && query[`Disk.${n}.SnapshotId`] === snapshotId) asked = true;
  }
  // ResetDisks answers 200 with a verdict per disk.
  const items: any[] = (call.body?.OperationProgressSet as any)?.OperationProgress ?? [];
  return asked && items.some((i) => i.OperationStatus === "Success" && (i.RelatedItemSet?.RelatedItem ?? []).some((r: any) => r.Value === diskId));
}
