// `npm run simulate` (simulation/cli.ts, CONTRACT.md "Simulation"): a range prints a summary whose
// last line with --json is one JSON object; a seed that breaks an invariant is printed with its
// violations, a trace and the command that replays it; the exit code says whether any was found.
import { execFileSync, spawnSync } from "child_process";
import * as path from "path";
import { parseArgs } from "../../simulation/cli";

const CLI = path.join(__dirname, "../../dist/simulation/cli.js");

test("--json ends with one JSON object holding at least runs, violations, crashes, lostAnswers, staleReads", () => {
  const run = spawnSync(process.execPath, [CLI, "--seeds", "1..4", "--json"], { encoding: "utf8" });
  const last = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
  expect(last).toMatchObject({ runs: 4, violations: expect.any(Number), crashes: expect.any(Number), lostAnswers: expect.any(Number), staleReads: expect.any(Number) });
  expect(run.stdout).toMatch(/simulated 4 run\(s\)/);
  expect(run.status).toBe(last.violations === 0 ? 0 : 1);
});

test("a violating seed is printed with its violations, a trace and its replay command; exit code 1", () => {
  // Seed 2933 shows the known finding (test/simulation/known-findings.ts).
  const run = spawnSync(process.execPath, [CLI, "--seed", "2933"], { encoding: "utf8" });
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/=== seed 2933: \d+ violation/);
  expect(run.stdout).toMatch(/\[replacement\] /);
  expect(run.stdout).toMatch(/P\d#\d → ReplaceSystemDisk /);
  expect(run.stdout).toMatch(/replay: npm run simulate -- --seed 2933 --trace/);
});

test("--seed N --trace prints the full trace of a clean seed and exits 0", () => {
  const out = execFileSync(process.execPath, [CLI, "--seed", "5", "--trace"], { encoding: "utf8" });
  expect(out).toMatch(/=== seed 5: 0 violation/);
  expect(out).toMatch(/final cloud/);
});

test("arguments: ranges, replay limits, and clear refusals", () => {
  expect(parseArgs(["--seeds", "3..9", "--tag-lag", "2.5"])).toMatchObject({ from: 3, to: 9, limits: { maxTagLagSeconds: 2.5 } });
  expect(parseArgs(["--seed", "7", "--max-skew", "60"])).toMatchObject({ from: 7, to: 7, limits: { maxSkewMs: 60_000 } });
  const bad = spawnSync(process.execPath, [CLI, "--seeds", "9..3"], { encoding: "utf8" });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/ends before it starts/);
});
