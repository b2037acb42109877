// npm run bench: runs every benchmark and rewrites bench/RESULTS.md (full runs only).
import { benchEmulatorThroughput } from "./emulator-throughput";
import { benchOperationCost } from "./operation-cost";
import { benchSharedPolling } from "./shared-polling";
import type { BenchResult } from "./support/report";

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: BenchResult[] = [];
  if (only.length === 0 || only.includes("throughput")) results.push(await benchEmulatorThroughput({ requests: 2000, concurrencies: [1, 16], warmup: 200 }));
  if (only.length === 0 || only.includes("operation-cost")) results.push(await benchOperationCost({ timeScale: 0.01, repetitions: 5 }));
  if (only.length === 0 || only.includes("shared-polling")) results.push(await benchSharedPolling({ fleetSizes: [1, 10, 50], timeScale: 0.1, windowSensitivityMs: [100, 1000] }));
  console.log(results.map((r) => r.headline).flat().join("\n"));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
