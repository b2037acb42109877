// Runs a range of seeds and adds up what they exercised and what they found.
import type { Invariant, Violation } from "./oracle";
import { runSeed, type RunOptions, type RunResult } from "./run";

export interface Summary {
  runs: number;
  participants: number;
  attempts: number;
  /** Crash points hit: processes killed at a call boundary. */
  crashes: number;
  lostAnswers: number;
  throttled: number;
  serverErrors: number;
  staleReads: number;
  /** Attempts that ran with a skewed clock. */
  clockSkews: number;
  /** Runs in which ECS forgot ClientTokens within minutes. */
  shortTokenMemory: number;
  failedAttempts: number;
  violations: number;
  byInvariant: Partial<Record<Invariant, number>>;
  violatingSeeds: number[];
  /** Runs the simulator itself could not finish (its own bug, reported apart from violations). */
  internalErrors: number;
  wallMs: number;
}

export interface SeedReport {
  seed: number;
  violations: Violation[];
  result: RunResult;
}

export function emptySummary(): Summary {
  return {
    runs: 0, participants: 0, attempts: 0, crashes: 0, lostAnswers: 0, throttled: 0, serverErrors: 0, staleReads: 0,
    clockSkews: 0, shortTokenMemory: 0, failedAttempts: 0, violations: 0, byInvariant: {}, violatingSeeds: [], internalErrors: 0, wallMs: 0,
  };
}

export function add(summary: Summary, r: RunResult): void {
  summary.runs++;
  summary.participants += r.scenario.participants.length;
  const attempts = r.chains.flatMap((c) => c.attempts);
  summary.attempts += attempts.length;
  summary.failedAttempts += attempts.filter((a) => a.outcome === "failed").length;
  summary.clockSkews += attempts.filter((a) => a.skewMs !== 0).length;
  summary.crashes += r.network.crashes;
  summary.lostAnswers += r.network.lostAnswers;
  summary.throttled += r.network.throttled;
  summary.serverErrors += r.network.serverErrors;
  summary.staleReads += r.network.staleReads;
  if (r.scenario.clientTokenTtlSeconds < 3600) summary.shortTokenMemory++;
  if (r.internalError) summary.internalErrors++;
  if (r.violations.length || r.internalError) summary.violatingSeeds.push(r.seed);
  summary.violations += r.violations.length;
  for (const v of r.violations) summary.byInvariant[v.invariant] = (summary.byInvariant[v.invariant] ?? 0) + 1;
}

/** Runs seeds from..to (inclusive); `onRun` sees each result (the CLI prints violations as they come). */
export async function runSeeds(from: number, to: number, options: RunOptions = {}, onRun?: (r: RunResult) => void): Promise<Summary> {
  const summary = emptySummary();
  const started = process.hrtime.bigint();
  for (let seed = from; seed <= to; seed++) {
    const r = await runSeed(seed, options);
    add(summary, r);
    onRun?.(r);
  }
  summary.wallMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  return summary;
}
