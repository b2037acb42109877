// `npm run bench` (= npm run build && node dist/bench/run.js): runs every benchmark, prints a
// summary and rewrites bench/RESULTS.md. `npm run bench -- <id>...` (e.g. `npm run bench -- fleet`)
// runs only those benchmarks and leaves RESULTS.md alone.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { benchEmulatedDurations } from "./emulated-durations";
import { benchEmulatorThroughput } from "./emulator-throughput";
import { benchFaultsSurvived } from "./faults-survived";
import { benchFleet } from "./fleet";
import { benchOperationCost } from "./operation-cost";
import { benchProviderSize } from "./provider-size";
import { benchSharedPolling } from "./shared-polling";
import type { BenchResult } from "./support/report";
import { renderResults, replaceSection } from "./support/results-file";
import { writeFiguresPage } from "./docs-figures";

const COMMAND = "npm run bench";

/** In run order; provider-size last because it installs Pulumi mocks process-wide. */
const BENCHMARKS: { id: string; run: () => Promise<BenchResult> }[] = [
  { id: "throughput", run: () => benchEmulatorThroughput({ requests: 2000, concurrencies: [1, 16], warmup: 200, trials: 3 }) },
  { id: "operation-cost", run: () => benchOperationCost({ timeScale: 0.01, repetitions: 5 }) },
  { id: "shared-polling", run: () => benchSharedPolling({ fleetSizes: [1, 10, 50], timeScale: 0.1, windowSensitivityMs: [100, 1000] }) },
  { id: "emulated-durations", run: () => benchEmulatedDurations({ timeScale: 0.02 }) },
  { id: "faults-survived", run: () => benchFaultsSurvived() },
  { id: "fleet", run: () => benchFleet(fleetOptions()) },
  { id: "provider-size", run: () => benchProviderSize() },
];

/**
 * The fleet benchmark's cases: N = 1, 100, 1000, jitter 0.2, seed 42. BENCH_FLEET_SIZES="1,100"
 * picks sizes; BENCH_FLEET_PEERS="naive" (or "none") picks the baselines that run;
 * BENCH_FLEET_DIAGNOSE=0 skips the N=1000 run with `preflight: false`.
 */
function fleetOptions(env: NodeJS.ProcessEnv = process.env): Parameters<typeof benchFleet>[0] {
  const sizes = (env.BENCH_FLEET_SIZES ?? "1,100,1000").split(",").map(Number).filter((n) => n > 0);
  const peers = (env.BENCH_FLEET_PEERS ?? "naive,terraform").split(",");
  return {
    sizes,
    durationJitter: 0.2,
    randomSeed: 42,
    // Terraform-style at N=1000 would take about an hour (100 waves of ~45 s).
    peerMaxN: { naive: peers.includes("naive") ? 1000 : 0, terraform: peers.includes("terraform") ? 100 : 0 },
    withoutPreflightAt: env.BENCH_FLEET_DIAGNOSE === "0" ? [] : [1000],
  };
}

async function main(): Promise<void> {
  // `--write` with ids: replace only those sections of RESULTS.md.
  const write = process.argv.includes("--write");
  const only = process.argv.slice(2).filter((a) => a !== "--write");
  const unknown = only.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s) ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.id).join(", ")}`);
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const t0 = performance.now();
  const results: BenchResult[] = [];
  for (const bench of BENCHMARKS) {
    if (only.length > 0 && !only.includes(bench.id)) continue;
    console.log(`\n== ${bench.id}`);
    const t = performance.now();
    const result = await bench.run();
    console.log(`  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    results.push(result);
  }
  const durationS = (performance.now() - t0) / 1000;

  console.log("\n== Summary");
  for (const r of results) for (const h of r.headline) console.log(`- ${h}`);
  const file = path.resolve(__dirname, "..", "..", "bench", "RESULTS.md");
  if (only.length > 0 && write) {
    let text = fs.readFileSync(file, "utf8");
    for (const r of results) text = replaceSection(text, r, `npm run build && node dist/bench/run.js ${r.id} --write`, startedAt);
    fs.writeFileSync(file, text);
    console.log(`\nUpdated ${results.map((r) => r.id).join(", ")} in ${path.relative(process.cwd(), file)}`);
    if (writeFiguresPage()) console.log("Rewrote the figures block of docs/figures.md");
  }
  if (only.length === 0) {
    fs.writeFileSync(file, renderResults(results, { command: COMMAND, startedAt, durationS, loadAtStart }));
    console.log(`\nWrote ${path.relative(process.cwd(), file)} (${durationS.toFixed(0)} s)`);
    if (writeFiguresPage()) console.log("Rewrote the figures block of docs/figures.md");
  }
}

/**
 * Every emulator, child process and timer is closed by now, so the process exits on its own. This
 * unref'd timer only fires if something still holds the process open: then it says what.
 */
function reportLeftovers(): void {
  setTimeout(() => {
    console.warn(`Warning: the run is over but the process is held open by: ${process.getActiveResourcesInfo().join(", ")}`);
  }, 2000).unref();
}

main()
  .then(reportLeftovers)
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
