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

export const KNOWN_FINDINGS: KnownFinding[] = [
  {
    id: "refusal-starts-the-instance",
    summary:
      'A "fail-if-running" participant that joins another\'s live stopped window finds "Running before" and refuses, ' +
      "but leaving its in-process session starts the instance (instance-sessions.ts close(): `else if (s.wantRunning) await start()` for a session that never entered the cloud window) " +
      "in the middle of the other participant's work, then reports \"nothing was changed\".",
    seeds: [32, 33, 62, 139, 1192],
    matches: (v) => v.invariant === "clear-error" && /said "nothing was changed" after ECS carried out .*StartInstance/.test(v.message),
  },
  {
    id: "previous-disk-names-the-new-one",
    summary:
      "SystemDiskReplacement re-run after a crash that followed the replacement, when its record was removed (or never read): " +
      "previousSystemDiskId names the new disk (docs/CRASH-SAFETY.md Limits; issue 15).",
    seeds: [8, 13, 36, 1355],
    matches: (v) => v.invariant === "replacement" && /previousSystemDiskId \S+ names the new disk/.test(v.message),
  },
  {
    id: "replaced-twice-after-forgotten-record-and-token",
    summary:
      "A replacement whose process died after ECS carried it out, whose record another participant removed once it expired, and whose " +
      "ClientToken ECS forgot before the re-run, is carried out a second time.",
    seeds: [261, 1689, 1826],
    matches: (v, seed) => [261, 1689, 1826].includes(seed) && v.invariant === "replacement" && /replaced the system disk .* 2 times/.test(v.message),
  },
  {
    id: "dead-closer-wish-inherited",
    summary:
      "A closer that died after its StartInstance but before removing the record leaves `closing` + its `done want=run`; a newcomer " +
      "minutes later joins that window and honours the wish, so a leave-stopped participant that came after it ends Running.",
    seeds: [1019],
    matches: (v, seed) => seed === 1019 && v.invariant === "power",
  },
  {
    id: "joined-window-closed-before-enter",
    summary:
      "open() decides to join a live window from one read; if that window closes (and its tags are removed) before enter() writes, " +
      "the newcomer re-creates the window with the old window's `before` (Running) although the instance was left Stopped, and restores Running.",
    seeds: [1085],
    matches: (v, seed) => seed === 1085 && v.invariant === "power",
  },
];

export function knownFinding(v: Violation, seed: number): KnownFinding | undefined {
  return KNOWN_FINDINGS.find((f) => f.matches(v, seed));
}
