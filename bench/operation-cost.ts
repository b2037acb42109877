// Benchmark 2: what one create costs in ECS API calls (counted from the emulator's call log) and
// in wall time, at emulator time scale 0.01 with the project's default poll timing x 0.01.
import { BASE_SECONDS, DEMO_IDS, startEmulator } from "../emulator";
import type { ResourceKind } from "../provider/implementation";
import { countCalls, formatBreakdown, type CallCounts } from "./support/calls";
import { describeTiming, pointProviderAt, scaledTiming } from "./support/provider-env";
import { LiveTable, type BenchResult } from "./support/report";
import { checkResource, createChecked } from "./support/resource-logic";
import { elapsedMs, median, range } from "./support/stats";

export interface OperationCostOptions {
  timeScale: number;
  repetitions: number;
}

const D = DEMO_IDS.disks;
/** The emulator's own durations of each cycle at time scale 1 (stop, the work, start). */
const RESTORE_S = BASE_SECONDS.stop + BASE_SECONDS.reset + BASE_SECONDS.start;
const REPLACE_S = BASE_SECONDS.stop + BASE_SECONDS.replace + BASE_SECONDS.start;
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

export interface PhaseCost {
  wallMs: number[];
  calls: CallCounts[];
}

export interface ScenarioCost {
  name: string;
  check: PhaseCost;
  create: PhaseCost;
}

export async function benchOperationCost(opts: OperationCostOptions): Promise<BenchResult> {
  const timing = scaledTiming(opts.timeScale);
  // The first run in a process pays for loading the SDK: run once untimed.
  await runOnce(SCENARIOS[0], opts.timeScale);
  const table = new LiveTable([
    "Operation", "Phase", "Runs", `Wall time, median (ms, at ${opts.timeScale})`, "Same ÷ time scale (s)",
    "API calls", "Mutating", "DryRun", "Describe*", "By action (min–max over runs)",
  ]);
  const costs: ScenarioCost[] = [];
  for (const scenario of SCENARIOS) {
    const cost: ScenarioCost = { name: scenario.name, check: { wallMs: [], calls: [] }, create: { wallMs: [], calls: [] } };
    for (let i = 0; i < opts.repetitions; i++) {
      const run = await runOnce(scenario, opts.timeScale);
      for (const phase of ["check", "create"] as const) {
        cost[phase].wallMs.push(run[phase].wallMs);
        cost[phase].calls.push(run[phase].calls);
      }
    }
    costs.push(cost);
    for (const phase of ["check", "create"] as const) {
      const { wallMs, calls } = cost[phase];
      const wall = median(wallMs);
      table.add([
        // check() does not wait on the cloud: dividing its time by the time scale means nothing.
        scenario.name, phase, opts.repetitions, Math.round(wall), phase === "create" ? wall / opts.timeScale / 1000 : "–",
        range(calls.map((c) => c.total)), range(calls.map((c) => c.mutating)), range(calls.map((c) => c.dryRun)),
        range(calls.map((c) => c.describe)), breakdownRange(calls),
      ]);
    }
  }
  const [perDisk, batch, replace] = costs;
  const total = (c: ScenarioCost) => range(c.create.calls.map((x) => x.total));
  return {
    id: "operation-cost",
    title: "2. Provider operation cost in ECS API calls",
    method:
      `Each run: a fresh emulator (demo fleet, time scale ${opts.timeScale}), then the real resource logic in this ` +
      `process runs check() and create() exactly as the provider plugin would, through the official SDK. Calls are ` +
      `counted from the emulator's call log, per phase. Provider timing: ${describeTiming(timing)}. ` +
      `${opts.repetitions} runs per operation after one discarded warm-up run; poll counts vary with the waiters' ` +
      `jitter, hence ranges. "Same ÷ time scale" divides the wall time by the time scale: a rough real-cloud ` +
      `estimate that also multiplies local HTTP and CPU overhead by ${Math.round(1 / opts.timeScale)}.`,
    tables: [table],
    notes: [
      "check() runs the preflight (Describe* of disks/snapshots/instance or image, plus DryRun calls); the Pulumi engine " +
        "calls check() at preview and again at update, so a `pulumi up` pays for it twice. DryRun ResetDisk/ResetDisks " +
        "on a running instance are answered 403 IncorrectInstanceStatus by design (the instance is stopped first); the " +
        "preflight treats that answer as expected.",
      `The Describe batch window scales to ${timing.batchWindowMs} ms here (the env takes whole milliseconds): reads ` +
        "issued in the same tick (e.g. both disks of one restore) still share one call; benchmark 3 measures sharing.",
      "create() mutating calls are the same on every run: StopInstance 1, then ResetDisk x2, ResetDisks x1 or " +
        "ReplaceSystemDisk x1, then StartInstance 1. Only the Describe* polls vary.",
    ],
    headline: [
      `DiskRestore create (2 disks, running instance): ${total(perDisk)} ECS API calls with strategy per-disk, ` +
        `${total(batch)} with batch; SystemDiskReplacement create: ${total(replace)} calls; plus ` +
        `${range(perDisk.check.calls.map((c) => c.total))} / ${range(batch.check.calls.map((c) => c.total))} / ` +
        `${range(replace.check.calls.map((c) => c.total))} preflight calls in check(). Median create wall time ` +
        `${Math.round(median(perDisk.create.wallMs))} / ${Math.round(median(batch.create.wallMs))} / ` +
        `${Math.round(median(replace.create.wallMs))} ms at emulator time scale ${opts.timeScale} ` +
        `(÷ time scale: ~${Math.round(median(perDisk.create.wallMs) / opts.timeScale / 1000)} s / ` +
        `${Math.round(median(batch.create.wallMs) / opts.timeScale / 1000)} s / ` +
        `${Math.round(median(replace.create.wallMs) / opts.timeScale / 1000)} s at scale 1, against ${RESTORE_S} / ${RESTORE_S} / ${REPLACE_S} s of emulated cloud work)`,
    ],
    data: { timing, costs },
  };
}

interface Phase {
  wallMs: number;
  calls: CallCounts;
}

async function runOnce(scenario: Scenario, timeScale: number): Promise<{ check: Phase; create: Phase }> {
  const emu = await startEmulator({ port: 0, timeScale });
  const restoreEnv = pointProviderAt(emu.port, scaledTiming(timeScale));
  try {
    let started = performance.now();
    const inputs = await checkResource(scenario.kind, scenario.inputs);
    const check = { wallMs: elapsedMs(started), calls: countCalls(emu.calls()) };
    const logged = emu.calls().length;
    started = performance.now();
    const { outs } = await createChecked(scenario.kind, inputs);
    const create = { wallMs: elapsedMs(started), calls: countCalls(emu.calls().slice(logged)) };
    scenario.verify(outs);
    return { check, create };
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
