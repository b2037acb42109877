// "The last successful participant wins": which of several participants' targets (a disk's
// snapshot, an instance's image) may be the final one. A participant's target is acceptable when
// it succeeded, or when it failed or died after ECS carried out its change (it said it failed; what
// it did stays), unless a participant that succeeded with another target started after it ended.
import type { ChainRecord } from "../history";
import { span } from "./index";

export interface Claim {
  chain: ChainRecord;
  target: string;
  /** ECS carried out this chain's change at least once. */
  applied: boolean;
}

export function acceptableTargets(claims: Claim[]): Set<string> {
  const out = new Set<string>();
  for (const c of claims) {
    if (c.chain.outcome !== "success" && !c.applied) continue;
    const { end } = span(c.chain);
    const overtaken = claims.some((q) => q !== c && q.chain.outcome === "success" && q.target !== c.target && span(q.chain).start > end);
    if (!overtaken) out.add(c.target);
  }
  return out;
}
