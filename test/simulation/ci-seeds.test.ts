// The CI sweep: thousands of seeds of the real provider against the emulated cloud, in virtual time,
// every invariant checked after every run. Fails listing each violating seed and how to replay it.
import { runSeeds } from "../../simulation/summary";
import { atLowPriority, CI_SEEDS, newViolations } from "./sweep";

jest.setTimeout(900_000);

test(`${CI_SEEDS} seeds: no violation beyond the known findings`, async () => {
  const found: string[] = [];
  const summary = await atLowPriority(() => runSeeds(1, CI_SEEDS, {}, (r) => found.push(...newViolations(r))));
  process.stdout.write(
    `simulation: ${summary.runs} seeds in ${(summary.wallMs / 1000).toFixed(1)}s (${(summary.runs / (summary.wallMs / 1000)).toFixed(1)}/s); ` +
      `${summary.crashes} crashes, ${summary.lostAnswers} lost answers, ${summary.staleReads} stale reads, ${summary.clockSkews} skewed clocks; ` +
      `${summary.violations} violations in ${summary.violatingSeeds.length} seeds (known findings included)\n`,
  );
  // It exercised what it claims to.
  expect(summary.crashes).toBeGreaterThan(CI_SEEDS / 4);
  expect(summary.lostAnswers).toBeGreaterThan(CI_SEEDS);
  expect(summary.clockSkews).toBeGreaterThan(CI_SEEDS);
  expect(found).toEqual([]);
});
