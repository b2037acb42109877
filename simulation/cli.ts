#!/usr/bin/env node
// npm run simulate -- --seeds A..B [--json] [--trace] [--tag-lag SECONDS] [--max-skew SECONDS]
// npm run simulate -- --seed N --trace
// Runs the deterministic simulation over a range of seeds and prints a summary; for every seed that
// broke an invariant: the violations, a trace, and the command that replays it. Exit code 0 when
// no violation was found (docs/SIMULATION.md).
import { runSeeds, type Summary } from "./summary";
import type { RunResult } from "./run";
import { DEFAULT_LIMITS, type ScenarioLimits } from "./scenario";
import { renderTrace, replayCommand } from "./trace";

interface Args {
  from: number;
  to: number;
  json: boolean;
  trace: boolean;
  limits: ScenarioLimits;
}

function usage(problem: string): never {
  process.stderr.write(
    `${problem}\nusage: npm run simulate -- --seeds A..B [--json] [--trace] [--tag-lag SECONDS] [--max-skew SECONDS]\n` +
      `       npm run simulate -- --seed N --trace\n`,
  );
  process.exit(2);
}

function seedNumber(text: string | undefined, flag: string): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 0xffffffff) usage(`${flag} needs whole numbers from 0 to 4294967295 (got ${text ?? "nothing"})`);
  return n;
}

function seconds(text: string | undefined, flag: string): number {
  const n = Number(text);
  if (text === undefined || !Number.isFinite(n) || n < 0) usage(`${flag} needs a number of seconds >= 0 (got ${text ?? "nothing"})`);
  return n;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { from: 1, to: 100, json: false, trace: false, limits: { ...DEFAULT_LIMITS } };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--seeds") {
      const m = /^(\d+)\.\.(\d+)$/.exec(argv[++i] ?? "");
      if (!m) usage(`--seeds needs a range A..B (got ${argv[i] ?? "nothing"})`);
      args.from = seedNumber(m[1], "--seeds");
      args.to = seedNumber(m[2], "--seeds");
      if (args.to < args.from) usage(`--seeds ${argv[i]}: the range ends before it starts`);
    } else if (flag === "--seed") {
      args.from = args.to = seedNumber(argv[++i], "--seed");
    } else if (flag === "--json") args.json = true;
    else if (flag === "--trace") args.trace = true;
    else if (flag === "--tag-lag") args.limits.maxTagLagSeconds = seconds(argv[++i], "--tag-lag");
    else if (flag === "--max-skew") args.limits.maxSkewMs = seconds(argv[++i], "--max-skew") * 1000;
    else usage(`unknown option ${flag}`);
  }
  return args;
}

/** The flags that change what a seed draws, so a replay command reproduces the run. */
function limitFlags(limits: ScenarioLimits): string {
  let out = "";
  if (limits.maxTagLagSeconds !== DEFAULT_LIMITS.maxTagLagSeconds) out += ` --tag-lag ${limits.maxTagLagSeconds}`;
  if (limits.maxSkewMs !== DEFAULT_LIMITS.maxSkewMs) out += ` --max-skew ${limits.maxSkewMs / 1000}`;
  return out;
}

function report(r: RunResult, args: Args, write: (line: string) => void): void {
  const single = args.from === args.to;
  if (!r.violations.length && !r.internalError && !(single && args.trace)) return;
  write("");
  write(`=== seed ${r.seed}: ${r.violations.length} violation(s)${r.internalError ? " + a simulator error" : ""}`);
  for (const v of r.violations) write(`  [${v.invariant}] ${v.message}`);
  if (r.internalError) write(`  [simulator] ${r.internalError}`);
  write(renderTrace(r, { brief: !args.trace }).replace(/^/gm, "    "));
  write(`  replay: ${replayCommand(r.seed, limitFlags(args.limits))}`);
}

function summaryLines(s: Summary): string[] {
  const rate = s.wallMs ? (s.runs / (s.wallMs / 1000)).toFixed(1) : "-";
  return [
    "",
    `simulated ${s.runs} run(s) in ${(s.wallMs / 1000).toFixed(1)}s (${rate} seeds/s): ${s.participants} participants, ${s.attempts} attempts (${s.failedAttempts} failed)`,
    `  crash points hit ${s.crashes}, lost answers ${s.lostAnswers}, throttled ${s.throttled}, 5xx ${s.serverErrors}, stale tag reads ${s.staleReads}, ` +
      `skewed clocks ${s.clockSkews}, runs with short token memory ${s.shortTokenMemory}`,
    `  violations ${s.violations}${s.violations ? ` (${Object.entries(s.byInvariant).map(([k, n]) => `${k} ${n}`).join(", ")}) in seeds ${s.violatingSeeds.join(", ")}` : ""}` +
      (s.internalErrors ? `; simulator errors ${s.internalErrors}` : ""),
  ];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const summary = await runSeeds(args.from, args.to, { limits: args.limits }, (r) => report(r, args, write));
  for (const line of summaryLines(summary)) write(line);
  if (args.json) write(JSON.stringify(summary));
  process.exitCode = summary.violations === 0 && summary.internalErrors === 0 ? 0 : 1;
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`simulate: ${(err as Error)?.stack ?? err}\n`);
    process.exitCode = 2;
  });
}
