// The emulator for the fleet benchmark, in a process of its own (forked with an IPC channel), so
// the cloud's timers never share an event loop with the client being measured. It records how
// long each simulated operation took (after jitter), so the benchmark can compute each instance's
// cloud work, and hands over its call log on request.
// argv[2]: JSON { seedFile, durationJitter, randomSeed }.
import { startEmulator } from "../../emulator";

export interface OperationRecord {
  kind: string;
  instanceId?: string;
  ms: number;
  /** When the operation began (ms since epoch). */
  startedAt: number;
}

/** The call log entry, reduced to what the benchmark counts (no parameters but DryRun). */
export interface CallRecord {
  action: string;
  httpStatus: number;
  code?: string;
  dryRun: boolean;
  /** When the call came (ms since epoch). */
  at: number;
}

export type FleetEmulatorRequest = "operations" | "calls" | "close";

/** Enough for every call of a 1000-instance run; the count of dropped entries is reported too. */
const CALL_LOG_LIMIT = 500_000;

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? "{}") as { seedFile: string; durationJitter: number; randomSeed: number };
  const emu = await startEmulator({
    port: 0,
    seed: opts.seedFile,
    timeScale: 1,
    durationJitter: opts.durationJitter,
    randomSeed: opts.randomSeed,
    callLogLimit: CALL_LOG_LIMIT,
  });
  const operations: OperationRecord[] = [];
  const start = emu.cloud.startTransition.bind(emu.cloud);
  emu.cloud.startTransition = ((t: Parameters<typeof start>[0], seconds: number) => {
    const full = start(t, seconds);
    operations.push({ kind: full.Kind, instanceId: (full as { InstanceId?: string }).InstanceId, ms: full.DueAt - full.StartedAt, startedAt: full.StartedAt });
    return full;
  }) as typeof emu.cloud.startTransition;

  process.on("message", (request: FleetEmulatorRequest) => {
    if (request === "operations") process.send!({ operations });
    if (request === "calls") {
      const calls: CallRecord[] = emu.calls().map((c) => ({
        action: c.Action,
        httpStatus: c.HttpStatus,
        code: c.Code,
        dryRun: String(c.Params?.DryRun).toLowerCase() === "true",
        at: Date.parse(c.At),
      }));
      process.send!({ calls, dropped: emu.callsDropped() });
    }
    if (request === "close") emu.close().then(() => process.exit(0));
  });
  process.send!({ url: emu.url, port: emu.port });
}

main().catch((err: Error) => {
  process.stderr.write(`fleet-emulator-process: ${err.message}\n`);
  process.exit(1);
});
