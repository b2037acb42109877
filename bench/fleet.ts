// Benchmark 6: a fleet of DiskRestores through the real dynamic-provider plugin, at time scale 1.
// N instances (one data disk each, Running), one DiskRestore per instance, all Check+Create calls
// sent at once to ONE plugin process (`@pulumi/pulumi/cmd/dynamic-provider`), as the Pulumi engine
// does with independent resources. The emulator runs with duration jitter and a fixed random seed,
// in a process of its own, with ECS's documented flow control (ResetDisk 500 calls per 60 s, ...).
// Peers on the same seed and a fresh emulator: bench/support/fleet-peers.ts.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DEMO_ACCESS_KEY, DEMO_REGION, DEFAULT_RATE_LIMITS } from "../emulator";
import { stackOwnerId } from "../provider/operations/window/record";
import { ProviderPlugin } from "../provider/testing/provider-plugin";
import { fleetMember, type FleetMember } from "./support/fleet";
import { startFleetEmulator, type FleetEmulator } from "./support/fleet-emulator";
import type { CallRecord, OperationRecord } from "./support/fleet-emulator-process";
import { PEER_POLL_MS, runPeer, type PeerKind } from "./support/fleet-peers";
import { LiveTable, formatNumber, type BenchResult } from "./support/report";

export interface FleetOptions {
  sizes: number[];
  durationJitter: number;
  randomSeed: number;
  /** Largest N each peer runs at (Terraform's parallelism 10 makes N=1000 take about an hour). */
  peerMaxN: Record<PeerKind, number>;
  /** Sizes at which the provider also runs with `preflight: false` (no permission DryRun), to show what the DryRun costs. */
  withoutPreflightAt: number[];
}

type Who = "provider" | "provider-no-preflight" | PeerKind;

interface RunFigures {
  who: Who;
  n: number;
  wallS: number;
  /** The longest stop + reset + start of one instance, as the emulator drew them. */
  criticalS: number;
  /** N ResetDisk calls at the documented flow control, as the issue counts it (N / limit x window). */
  admissionS: number;
  describe: number;
  calls: number;
  dryRun: number;
  throttledSeen: number;
  throttlingSurfaced: number;
  failed: number;
  /** Per instance: from its StopInstance to its StartInstance finishing (s); the harm a slow fleet does. */
  heldStopped: { maxS: number; meanS: number };
  /** Calls per resource by action (the record's share, the work's share). */
  byAction: Record<string, number>;
  peakRssMb?: number;
  firstError?: string;
}

/** The owner id the resource classes would register for a stack "fleet" of project "bench". */
const FLEET_OWNER = stackOwnerId("bench", "fleet");
const URN = (i: number) => `urn:pulumi:bench::fleet::pulumi-nodejs:dynamic:Resource::restore-${i}`;

function members(n: number): FleetMember[] {
  return Array.from({ length: n }, (_, i) => fleetMember(i));
}

/** The `__provider` string a DiskRestore stores, captured in a child process (mocks are process-wide). */
function shimText(): string {
  return JSON.parse(execFileSync(process.execPath, [path.join(__dirname, "support", "capture-shim.js")], { encoding: "utf8" })) as string;
}

function peakRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

function criticalPathS(operations: OperationRecord[]): number {
  const perInstance = new Map<string, number>();
  for (const op of operations) {
    if (!op.instanceId || !["InstanceStop", "DiskReset", "InstanceStart"].includes(op.kind)) continue;
    perInstance.set(op.instanceId, (perInstance.get(op.instanceId) ?? 0) + op.ms);
  }
  return Math.max(0, ...perInstance.values()) / 1000;
}

/** BENCH_FLEET_TIMELINE=1: when each action was first/last answered, and its throttles; =calls: every call in order (for diagnosis). */
function printTimeline(calls: CallRecord[], t0: number, ops: OperationRecord[]): void {
  if (process.env.BENCH_FLEET_TIMELINE === "calls") {
    // Every call and operation in order (small N): where the time between the work goes.
    const lines: Array<[number, string]> = [
      ...calls.map((c): [number, string] => [c.at, `${c.action}${c.dryRun ? " (DryRun)" : ""}${c.httpStatus >= 400 ? ` ${c.code}` : ""}`]),
      ...ops.map((o): [number, string] => [o.startedAt, `  [${o.kind} ${formatNumber(o.ms / 1000)} s, ends ${formatNumber((o.startedAt + o.ms - t0) / 1000)} s]`]),
    ];
    for (const [at, text] of lines.sort((a, b) => a[0] - b[0])) console.log(`    ${formatNumber((at - t0) / 1000)} s ${text}`);
    return;
  }
  const by = new Map<string, number[]>();
  for (const c of calls) {
    const key = `${c.action}${c.dryRun ? " (DryRun)" : ""}${c.httpStatus >= 400 ? ` ${c.code}` : ""}`;
    by.set(key, [...(by.get(key) ?? []), (c.at - t0) / 1000]);
  }
  for (const [key, times] of [...by].sort()) {
    console.log(`    ${key}: ${times.length} calls, ${formatNumber(Math.min(...times))}–${formatNumber(Math.max(...times))} s`);
  }
}

/** How long each instance was held stopped: its stop's start to its start's end. */
function heldStopped(operations: OperationRecord[]): { maxS: number; meanS: number } {
  const from = new Map<string, number>();
  const held: number[] = [];
  for (const op of [...operations].sort((a, b) => a.startedAt - b.startedAt)) {
    if (!op.instanceId) continue;
    if (op.kind === "InstanceStop" && !from.has(op.instanceId)) from.set(op.instanceId, op.startedAt);
    if (op.kind === "InstanceStart" && from.has(op.instanceId)) {
      held.push((op.startedAt + op.ms - from.get(op.instanceId)!) / 1000);
      from.delete(op.instanceId);
    }
  }
  return { maxS: Math.max(0, ...held), meanS: held.length ? held.reduce((a, b) => a + b, 0) / held.length : 0 };
}

function perAction(calls: CallRecord[], n: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) {
    const key = c.dryRun ? `${c.action} (DryRun)` : c.action;
    out[key] = (out[key] ?? 0) + 1 / n;
  }
  return out;
}

function figures(who: Who, n: number, wallMs: number, ops: OperationRecord[], calls: CallRecord[], extra: Partial<RunFigures>): RunFigures {
  const reset = DEFAULT_RATE_LIMITS.ResetDisk;
  return {
    heldStopped: heldStopped(ops),
    byAction: perAction(calls, n),
    who,
    n,
    wallS: wallMs / 1000,
    criticalS: criticalPathS(ops),
    admissionS: (n / reset.limit) * reset.windowSeconds,
    describe: calls.filter((c) => c.action.startsWith("Describe")).length,
    calls: calls.length,
    dryRun: calls.filter((c) => c.dryRun).length,
    throttledSeen: calls.filter((c) => (c.code ?? "").startsWith("Throttling")).length,
    throttlingSurfaced: 0,
    failed: 0,
    ...extra,
  };
}

async function withEmulator<T>(n: number, opts: FleetOptions, run: (emu: FleetEmulator) => Promise<T>): Promise<{ value: T; ops: OperationRecord[]; calls: CallRecord[] }> {
  const emu = await startFleetEmulator(n, opts.durationJitter, opts.randomSeed);
  try {
    const value = await run(emu);
    return { value, ops: await emu.operations(), calls: await emu.calls() };
  } finally {
    await emu.close();
  }
}

/** One Check + Create per instance, all at once, through one plugin process with the default timing. */
async function runProvider(n: number, opts: FleetOptions, shim: string, preflight = true): Promise<RunFigures> {
  let wallMs = 0;
  let startedAt = 0;
  let rss: number | undefined;
  const outcome = { failed: 0, throttlingSurfaced: 0, firstError: undefined as string | undefined };
  const { ops, calls } = await withEmulator(n, opts, async (emu) => {
    const plugin = await ProviderPlugin.start({
      env: {
        ALIBABA_CLOUD_ECS_ENDPOINT: emu.url,
        ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.AccessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.AccessKeySecret,
        ALIBABA_CLOUD_REGION_ID: DEMO_REGION,
      },
    });
    try {
      // The clock starts before Configure: everything the provider does after the engine started it counts.
      const t0 = performance.now();
      startedAt = Date.now();
      await plugin.configure({ "alicloud:region": DEMO_REGION });
      await Promise.all(
        members(n).map(async (m, i) => {
          try {
            // As a program's DiskRestore registers it: the stack's owner id included (record.ts).
            const news = {
              __provider: shim,
              __owner: FLEET_OWNER,
              disks: [{ diskId: m.diskId, snapshotId: m.snapshotId }],
              ...(preflight ? {} : { preflight: false }),
            };
            const checked = await plugin.check(URN(i), {}, news);
            if (checked.failures.length > 0) throw new Error(`check: ${JSON.stringify(checked.failures)}`);
            await plugin.create(URN(i), checked.inputs);
          } catch (err) {
            const message = (err as Error).message;
            outcome.failed++;
            if (/Throttling/.test(message)) outcome.throttlingSurfaced++;
            outcome.firstError ??= message;
          }
        }),
      );
      wallMs = performance.now() - t0;
      rss = peakRssMb(plugin.pid);
    } finally {
      await plugin.close();
    }
  });
  if (process.env.BENCH_FLEET_TIMELINE) printTimeline(calls, startedAt, ops);
  return figures(preflight ? "provider" : "provider-no-preflight", n, wallMs, ops, calls, { ...outcome, peakRssMb: rss });
}

async function runBaseline(kind: PeerKind, n: number, opts: FleetOptions): Promise<RunFigures> {
  let wallMs = 0;
  const { value, ops, calls } = await withEmulator(n, opts, async (emu) => {
    const t0 = performance.now();
    const outcome = await runPeer(kind, emu.port, members(n));
    wallMs = performance.now() - t0;
    return outcome;
  });
  return figures(kind, n, wallMs, ops, calls, value);
}

const LABEL: Record<Who, string> = {
  provider: "this provider (plugin)",
  "provider-no-preflight": "this provider, preflight: false (diagnosis: no DryRun)",
  terraform: "Terraform-style (parallelism 10, 5 s polls)",
  naive: "naive (all at once, 5 s polls)",
};

function bound(f: RunFigures): number {
  return Math.max(f.criticalS, f.admissionS);
}

export async function benchFleet(opts: FleetOptions): Promise<BenchResult> {
  const shim = shimText();
  const table = new LiveTable([
    "N",
    "Run",
    "Wall (s)",
    "Critical path (s)",
    "Bound (s)",
    "Wall / bound",
    "Describe / resource",
    "Calls / resource",
    "DryRun calls",
    "Throttled (seen / surfaced)",
    "Failed",
    "Held stopped, max / mean (s)",
    "Provider peak RSS (MB)",
  ]);
  const all: RunFigures[] = [];
  const skipped: string[] = [];
  const byActionNotes: string[] = [];
  for (const n of opts.sizes) {
    const runs: (() => Promise<RunFigures>)[] = [() => runProvider(n, opts, shim)];
    if (opts.withoutPreflightAt.includes(n)) runs.push(() => runProvider(n, opts, shim, false));
    for (const kind of ["naive", "terraform"] as PeerKind[]) {
      if (n <= opts.peerMaxN[kind]) runs.push(() => runBaseline(kind, n, opts));
      else skipped.push(`${LABEL[kind]} at N=${n}`);
    }
    for (const run of runs) {
      const f = await run();
      all.push(f);
      table.add([
        n,
        LABEL[f.who],
        f.wallS,
        f.criticalS,
        bound(f),
        `${formatNumber(f.wallS / bound(f))}x`,
        f.describe / n,
        f.calls / n,
        f.dryRun,
        `${f.throttledSeen} / ${f.throttlingSurfaced}`,
        f.failed,
        `${formatNumber(f.heldStopped.maxS)} / ${formatNumber(f.heldStopped.meanS)}`,
        f.peakRssMb === undefined ? "-" : Math.round(f.peakRssMb),
      ]);
      if (f.who === "provider") {
        const actions = Object.entries(f.byAction).sort(([a], [b]) => a.localeCompare(b));
        byActionNotes.push(`N=${f.n}, calls per resource by action: ${actions.map(([a, c]) => `${a} ${formatNumber(c)}`).join(", ")}`);
      }
      if (f.firstError) console.log(`    first error: ${f.firstError.slice(0, 300)}`);
    }
  }
  const mine = all.filter((f) => f.who === "provider");
  return {
    id: "fleet",
    title: "6. Fleet: DiskRestores through the real plugin at time scale 1",
    method:
      `One DiskRestore per instance (stop, reset one data disk, start: 10 s + 20 s + 10 s of simulated work at time scale 1, ` +
      `each duration multiplied by a random factor in [${1 - opts.durationJitter}, ${1 + opts.durationJitter}], random seed ${opts.randomSeed}). ` +
      "Every resource's Check then Create is sent at once over gRPC to one `@pulumi/pulumi/cmd/dynamic-provider` process " +
      "running the built package with its default timing; the emulator runs in its own process, fresh for every run, with the " +
      "documented flow control (ResetDisk 500 calls / 60 s, StopInstance and StartInstance 500, Describe* 2000; README). " +
      "Critical path: the longest stop + reset + start of one instance as the emulator drew them. Bound: the longer of the " +
      "critical path and the time the flow control needs to admit N ResetDisk calls (N / 500 x 60 s). Calls are counted " +
      `from the emulator's call log (throttled answers included). The peers are plain SDK loops (bench/support/fleet-peers.ts): ` +
      `one Describe call per resource every ${PEER_POLL_MS / 1000} s, a throttled call sent again after 5 s.`,
    tables: [table],
    notes: [
      ...(skipped.length ? [`Not run: ${skipped.join(", ")} (at parallelism 10, N/10 waves of ~45 s each).`] : []),
      "Throttled (surfaced) counts resources whose Create failed with a throttling error; seen counts throttled answers in the call log.",
      "Peak RSS is the plugin process's VmHWM (/proc/<pid>/status) at the end of the run.",
      "Held stopped: per instance, from the start of its StopInstance to the end of its StartInstance, as the emulator timed them.",
      ...byActionNotes,
      ...opts.withoutPreflightAt.flatMap((n) => {
        const withProof = mine.find((f) => f.n === n);
        const without = all.find((f) => f.who === "provider-no-preflight" && f.n === n);
        if (!withProof || !without) return [];
        return [
          `The permission DryRun at check is a ResetDisk call too: at N=${n} it would make ${n + 1} ResetDisk calls, and under a ` +
            "window of 500 per 60 s the last could not be admitted before a third window. The provider's checks see that they fill " +
            "the flow control and leave the proof to the apply's first ResetDisk (provider/common/permission-proofs.ts): " +
            `${withProof.dryRun} DryRun calls at N=${n}, ${formatNumber(withProof.wallS)} s wall, against ${formatNumber(without.wallS)} s ` +
            "for the run with `preflight: false` (no proof at all). Every throttled answer was absorbed (paused, sent again).",
        ];
      }),
    ],
    headline: mine.map(
      (f) =>
        `Fleet N=${f.n} through the plugin: ${formatNumber(f.wallS)} s wall, ${formatNumber(f.wallS / bound(f))}x the bound ` +
        `(${formatNumber(bound(f))} s), ${formatNumber(f.describe / f.n)} Describe and ${formatNumber(f.calls / f.n)} calls per resource, ` +
        `${f.throttledSeen} throttled answers seen / ${f.throttlingSurfaced} surfaced, ${f.failed} failed, peak RSS ${Math.round(f.peakRssMb ?? 0)} MB`,
    ),
    data: { runs: all },
  };
}
