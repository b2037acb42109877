// Benchmark 5: how long the emulator makes a realistic cycle take in emulated time. The configured
// base durations (time scale 1) come from emulator/model/durations.ts; the cycle is also driven
// through the SDK at a small time scale, observed, and multiplied back.
import { BASE_SECONDS, DEMO_REGION, startEmulator, type RunningEmulator } from "../emulator";
import { fleetMember, fleetSeed } from "./support/fleet";
import { LiveTable, type BenchResult } from "./support/report";
import { $Ecs, sdkClient } from "./support/sdk-client";
import { elapsedMs } from "./support/stats";

export interface EmulatedDurationsOptions {
  timeScale: number;
}

const NEXT_IMAGE = "m-bench-ubuntu-next";

interface Step {
  cycle: string;
  step: string;
  base: keyof typeof BASE_SECONDS;
  call(client: ReturnType<typeof sdkClient>): Promise<unknown>;
}

function steps(): Step[] {
  const m = fleetMember(0);
  const stop = (cycle: string): Step => ({ cycle, step: "StopInstance -> Stopped", base: "stop", call: (c) => c.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: m.instanceId })) });
  const start = (cycle: string): Step => ({ cycle, step: "StartInstance -> Running", base: "start", call: (c) => c.startInstance(new $Ecs.StartInstanceRequest({ instanceId: m.instanceId })) });
  const restore = "Disk rollback (one disk)";
  const replace = "System disk replacement";
  return [
    stop(restore),
    { cycle: restore, step: "ResetDisk -> In_use", base: "reset", call: (c) => c.resetDisk(new $Ecs.ResetDiskRequest({ diskId: m.diskId, snapshotId: m.snapshotId })) },
    start(restore),
    stop(replace),
    { cycle: replace, step: "ReplaceSystemDisk -> new disk attached", base: "replace", call: (c) => c.replaceSystemDisk(new $Ecs.ReplaceSystemDiskRequest({ instanceId: m.instanceId, imageId: NEXT_IMAGE })) },
    start(replace),
  ];
}

interface Measured {
  cycle: string;
  step: string;
  configuredS: number;
  scheduledMs: number;
  observedMs: number;
}

export async function benchEmulatedDurations(opts: EmulatedDurationsOptions): Promise<BenchResult> {
  const emu = await startEmulator({ port: 0, timeScale: opts.timeScale, seed: fleetSeed(1, [NEXT_IMAGE]) });
  const table = new LiveTable([
    "Cycle", "Step", "Configured (s, time scale 1)", `Scheduled at ${opts.timeScale} (ms)`, `Observed at ${opts.timeScale} (ms)`, "Observed ÷ time scale (s)",
  ]);
  const measured: Measured[] = [];
  try {
    const client = sdkClient(emu.port);
    // Load the SDK and open the connection before timing anything.
    await client.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: DEMO_REGION }));
    for (const s of steps()) {
      const started = performance.now();
      await s.call(client);
      const scheduledMs = pendingSpanMs(emu);
      await settled(emu);
      const m = { cycle: s.cycle, step: s.step, configuredS: BASE_SECONDS[s.base], scheduledMs, observedMs: elapsedMs(started) };
      measured.push(m);
      table.add([m.cycle, m.step, m.configuredS, m.scheduledMs, m.observedMs, m.observedMs / opts.timeScale / 1000]);
    }
    verifyEndState(emu);
  } finally {
    await emu.close();
  }

  const totals = new LiveTable(["Cycle", "Configured total (s)", "Observed total ÷ time scale (s)"], "Cycle totals");
  const cycles = [...new Set(measured.map((m) => m.cycle))];
  const sum = (cycle: string, key: "configuredS" | "observedMs") => measured.filter((m) => m.cycle === cycle).reduce((a, m) => a + m[key], 0);
  for (const cycle of cycles) totals.add([cycle, sum(cycle, "configuredS"), sum(cycle, "observedMs") / opts.timeScale / 1000]);
  const [restore, replace] = cycles;
  return {
    id: "emulated-durations",
    title: "5. Emulated durations at time scale 1",
    method:
      `Configured: BASE_SECONDS in emulator/model/durations.ts (every simulated delay is base x time scale). Measured: ` +
      `a fresh emulator (one running instance with a data disk and a snapshot) at time scale ${opts.timeScale}, each step ` +
      `sent through the official SDK and its end observed by polling the in-process model every ~1 ms; "observed" runs ` +
      `from sending the call to seeing the new state, so it includes the HTTP round trip. "Observed ÷ time scale" ` +
      `multiplies back to time scale 1. Nothing waited real minutes.`,
    tables: [table, totals],
    notes: [
      `A force stop (ForceStop=true) is configured at ${BASE_SECONDS.forceStop} s instead of ${BASE_SECONDS.stop} s, so a ` +
        `forced rollback cycle takes ${BASE_SECONDS.forceStop + BASE_SECONDS.reset + BASE_SECONDS.start} s.`,
      "These are the emulator's own durations. The provider adds polling lag on top (first poll at 80 % of the " +
        "expected duration, then every 1 s; provider/ecs/poll-schedule.ts); benchmark 2's \"Same ÷ time scale\" column estimates the whole create.",
    ],
    headline: [
      `Emulated at time scale 1: a running instance's one-disk rollback (stop ${BASE_SECONDS.stop} s + reset ` +
        `${BASE_SECONDS.reset} s + start ${BASE_SECONDS.start} s) takes ${sum(restore, "configuredS")} s configured, ` +
        `${(sum(restore, "observedMs") / opts.timeScale / 1000).toFixed(1)} s observed (run at ${opts.timeScale} and scaled back); ` +
        `a system disk replacement cycle ${sum(replace, "configuredS")} s`,
    ],
    data: { timeScale: opts.timeScale, measured },
  };
}

/** The cycles really happened: disk rolled back, new image on a new system disk, instance running. */
function verifyEndState(emu: RunningEmulator): void {
  const m = fleetMember(0);
  const instance = emu.cloud.instances.get(m.instanceId);
  const disk = emu.cloud.disks.get(m.diskId);
  if (instance?.Status !== "Running" || instance.ImageId !== NEXT_IMAGE || disk?.SourceSnapshotId !== m.snapshotId) {
    throw new Error(`unexpected end state: instance ${instance?.Status} ${instance?.ImageId}, disk from ${disk?.SourceSnapshotId}`);
  }
}

/** Span (DueAt - StartedAt) of the transition the last call started, in ms of wall time. */
function pendingSpanMs(emu: RunningEmulator): number {
  const spans = emu.cloud.transitions.map((t) => t.DueAt - t.StartedAt);
  return spans.length === 0 ? 0 : Math.max(...spans);
}

/** Until every started transition has completed (the model settles lazily; settle() applies due ones). */
async function settled(emu: RunningEmulator, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    emu.cloud.settle();
    if (emu.cloud.transitions.length === 0) return;
    if (Date.now() > deadline) throw new Error(`emulator transitions still pending after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
