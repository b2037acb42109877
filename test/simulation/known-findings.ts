// Violations the simulator found in the protocol as it is, each diagnosed and handed to the
// protocol's owner (docs/SIMULATION.md, "Findings"). Until fixed, each is a documented, tested
// limit: regressions.test.ts asserts its seeds still show it (so a fix is noticed and the seed
// moves to CLEAN_SEEDS), and the CI sweep does not fail on it. The goal is an empty list.
import type { Violation } from "../../simulation/oracle";

export interface KnownFinding {
  id: string;
  summary: string;
  /** Seeds that show it (run with the default limits). */
  seeds: number[];
  /**
   * Which violations it explains. Findings matched by message hold wherever they occur; the others
   * only on their own seeds, so a new bug of the same invariant elsewhere still fails the sweep.
   */
  matches: (v: Violation, seed: number) => boolean;
}

/**
 * Every other violation found so far was fixed in the protocol (docs/SIMULATION.md, "Findings";
 * their seeds are regression tests in regressions.test.ts CLEAN_SEEDS). One documented limit
 * remains (docs/CRASH-SAFETY.md, Limits).
 */
export const KNOWN_FINDINGS: KnownFinding[] = [
  {
    id: "killed-after-its-last-call",
    summary:
      "A replacement whose run was killed after a call of its that took effect went unrecorded, re-run after ECS forgot the " +
      "ClientToken, replaces the system disk again (and reports the first new disk as the previous one): nothing in the cloud " +
      "remembers the request any more. Two shapes: the lost call was the removal of its intent record, after which Pulumi never " +
      "saved the result (seed 2933); or it was the ReplaceSystemDisk itself, whose record still said `open` when another " +
      "stack's close marked it superseded (seed 1885).",
    seeds: [1885, 2933],
    matches: (v, seed) => [1885, 2933].includes(seed) && v.invariant === "replacement",
  },
];

export function knownFinding(v: Violation, seed: number): KnownFinding | undefined {
  return KNOWN_FINDINGS.find((f) => f.matches(v, seed));
}
