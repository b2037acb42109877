// Benchmark 2: what one create costs in ECS API calls (counted from the emulator's call log) and
// in wall time, at emulator time scale 0.01 with the project's default poll timing x 0.01.
import { DEMO_IDS, startEmulator } from "../emulator";
import type { ResourceKind } from "../provider/logic";
import { countCalls, formatBreakdown, type CallCounts } from "./support/calls";
import { describeTiming, pointProviderAt, scaledTiming } from "./support/provider-env";
import { LiveTable, type BenchResult } from "./support/report";
import { createResource } from "./support/resource-logic";
import { elapsedMs, median, range } from "./support/stats";

export interface OperationCostOptions {
  timeScale: number;
  repetitions: number;
}

const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const WEB_DISKS = [
  { diskId: D.webData1, snapshotId: S.webData1 },
  { diskId: D.webData2, snapshotId: S.webData2 },
];

interface Scenario {
  name: string;
  kind: ResourceKind;
  inputs: Record<string, unknown>;
  /** Throws when the outputs show the operation did not do its job. */
  verify(outs: Record<string, any>): void;
}

const SCENARIOS: Scenario[] = [
  {
    name: "DiskRestore, 2 disks, strategy per-disk (running instance)",
    kind: "DiskRestore",
    inputs: { disks: WEB_DISKS },
    verify: verifyRestore,
  },
  {
    name: "DiskRestore, 2 disks, strategy batch (running instance)",
    kind: "DiskRestore",
    inputs: { disks: WEB_DISKS, strategy: "batch" },
    verify: verifyRestore,
  },
  {
    name: "SystemDiskReplacement (running instance, new image)",
    kind: "SystemDiskReplacement",
    inputs: { instanceId: DEMO_IDS.instances.web, imageId: DEMO_IDS.images.ubuntu2404 },
    verify(outs) {
      if (!String(outs.systemDiskId).startsWith("d-") || outs.instanceStatusAfter !== "Running") throw new Error(`unexpected outputs ${JSON.stringify(outs)}`);
    },
  },
];

function verifyRestore(outs: Record<string, any>): void {
  const ok = (outs.results ?? []).filter((r: any) => r.status === "Success").length === WEB_DISKS.length;
  if (!ok || outs.instanceStatusAfter !== "Running") throw new Error(`unexpected outputs ${JSON.stringify(outs)}`);
}

export interface ScenarioCost {
  name: string;
  wallMs: number[];
  calls: CallCounts[];
}

export async function benchOperationCost(opts: OperationCostOptions): Promise<BenchResult> {
  const timing = scaledTiming(opts.timeScale);
  const table = new LiveTable([
    "Operation", "Runs", `Wall time, median (ms, at ${opts.timeScale})`, "Same ÷ time scale (s)", "API calls", "Mutating", "Describe*", "By action (min–max over runs)",
  ]);
  const costs: ScenarioCost[] = [];
  for (const scenario of SCENARIOS) {
    const cost: ScenarioCost = { name: scenario.name, wallMs: [], calls: [] };
    for (let i = 0; i < opts.repetitions; i++) {
      const { wallMs, calls } = await runOnce(scenario, opts.timeScale);
      cost.wallMs.push(wallMs);
      cost.calls.push(calls);
    }
    costs.push(cost);
    const wall = median(cost.wallMs);
    table.add([
      scenario.name,
      opts.repetitions,
      Math.round(wall),
      wall / opts.timeScale / 1000,
      range(cost.calls.map((c) => c.total)),
      range(cost.calls.map((c) => c.mutating)),
      range(cost.calls.map((c) => c.describe)),
      breakdownRange(cost.calls),
    ]);
  }
  const [perDisk, batch, replace] = costs;
  return {
    id: "operation-cost",
    title: "2. Provider operation cost in ECS API calls",
    method:
      `Each row: a fresh emulator (demo fleet, time scale ${opts.timeScale}), then the real resource logic in this ` +
      `process runs check + create exactly as the provider plugin would, through the official SDK. Calls are counted ` +
      `from the emulator's call log (every call, preflight included). Provider timing: ${describeTiming(timing)}. ` +
      `Repeated ${opts.repetitions} times; poll counts vary with the waiters' jitter, hence ranges. "Same ÷ time scale" ` +
      `divides the wall time by the time scale: a rough real-cloud estimate that also multiplies the local HTTP and CPU ` +
      `overhead by ${Math.round(1 / opts.timeScale)}, so it is an upper bound for the emulator's durations.`,
    tables: [table],
    notes: [
      "Mutating calls are the same on every run (StopInstance 1, ResetDisk 2 or ResetDisks 1 or ReplaceSystemDisk 1, StartInstance 1); only Describe* polls vary.",
    ],
    headline: [
      `DiskRestore (2 disks, running instance): ${range(perDisk.calls.map((c) => c.total))} ECS API calls per-disk ` +
        `(${range(perDisk.calls.map((c) => c.mutating))} mutating), ${range(batch.calls.map((c) => c.total))} with strategy batch; ` +
        `SystemDiskReplacement: ${range(replace.calls.map((c) => c.total))} calls ` +
        `(median wall time ${Math.round(median(perDisk.wallMs))} / ${Math.round(median(batch.wallMs))} / ${Math.round(median(replace.wallMs))} ms at time scale ${opts.timeScale})`,
    ],
    data: { timing, costs },
  };
}

async function runOnce(scenario: Scenario, timeScale: number): Promise<{ wallMs: number; calls: CallCounts }> {
  const emu = await startEmulator({ port: 0, timeScale });
  const restoreEnv = pointProviderAt(emu.port, scaledTiming(timeScale));
  try {
    const started = performance.now();
    const { outs } = await createResource(scenario.kind, scenario.inputs);
    const wallMs = elapsedMs(started);
    scenario.verify(outs);
    return { wallMs, calls: countCalls(emu.calls()) };
  } finally {
    restoreEnv();
    await emu.close();
  }
}

function breakdownRange(calls: CallCounts[]): string {
  const actions = new Set(calls.flatMap((c) => Object.keys(c.byAction)));
  const ranged: Record<string, string> = {};
  for (const action of actions) ranged[action] = range(calls.map((c) => c.byAction[action] ?? 0));
  return formatBreakdown(ranged);
}
