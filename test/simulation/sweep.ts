// The CI sweep's seed range and the filter that separates new violations from known findings.
import * as os from "os";
import type { RunResult } from "../../simulation/run";
import { replayCommand } from "../../simulation/trace";
import { knownFinding } from "./known-findings";

/** Seeds every CI run simulates (DISKOPS_SIM_SEEDS raises it locally; CI never runs fewer than 2,000). */
export const CI_SEEDS = Math.max(2000, Number(process.env.DISKOPS_SIM_SEEDS ?? 0) || 0);

/** The violations of a run that no known finding explains, each with the command that replays its seed. */
export function newViolations(r: RunResult): string[] {
  const out = r.violations.filter((v) => !knownFinding(v, r.seed)).map((v) => `seed ${r.seed} [${v.invariant}] ${v.message}\n    replay: ${replayCommand(r.seed)}`);
  if (r.internalError) out.push(`seed ${r.seed} [simulator error] ${r.internalError}\n    replay: ${replayCommand(r.seed)}`);
  return out;
}

/**
 * Runs `fn` at the lowest CPU priority: the sweep is minutes of pure CPU, and jest runs it beside
 * suites that wait on a real clock (emulator time scales, real plugin processes). Restored after
 * where the OS allows it (as root; elsewhere the worker stays niced, which only slows it).
 */
export async function atLowPriority<T>(fn: () => Promise<T>): Promise<T> {
  const before = safely(() => os.getPriority());
  safely(() => os.setPriority(19));
  try {
    return await fn();
  } finally {
    if (before !== undefined) safely(() => os.setPriority(before));
  }
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
