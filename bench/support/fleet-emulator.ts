// Starts bench/support/fleet-emulator-process.ts for one run: a fresh cloud (fresh flow-control
// windows) seeded with `count` instances, the given jitter and random seed.
import { fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fleetSeed } from "./fleet";
import type { CallRecord, FleetEmulatorRequest, OperationRecord } from "./fleet-emulator-process";

export interface FleetEmulator {
  port: number;
  url: string;
  operations(): Promise<OperationRecord[]>;
  calls(): Promise<CallRecord[]>;
  close(): Promise<void>;
}

export async function startFleetEmulator(count: number, durationJitter: number, randomSeed: number): Promise<FleetEmulator> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-fleet-"));
  const seedFile = path.join(dir, "seed.json");
  fs.writeFileSync(seedFile, JSON.stringify(fleetSeed(count)));
  const child = fork(path.join(__dirname, "fleet-emulator-process.js"), [JSON.stringify({ seedFile, durationJitter, randomSeed })], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ask = <T>(request: FleetEmulatorRequest, key: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (!(key in m)) return;
        child.off("message", onMessage);
        resolve(m[key] as T);
      };
      child.on("message", onMessage);
      child.send(request);
    });
  const ready = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { url: string; port: number }));
    child.once("exit", (code) => reject(new Error(`fleet emulator exited with ${code} before listening`)));
  });
  return {
    ...ready,
    operations: () => ask("operations", "operations"),
    async calls() {
      const dropped = await ask<number | undefined>("calls", "dropped");
      const calls = await ask<CallRecord[]>("calls", "calls");
      // Every call must be counted: a log that dropped entries would under-count the figures.
      if (dropped) throw new Error(`the emulator's call log dropped ${dropped} entries; raise CALL_LOG_LIMIT in fleet-emulator-process.ts`);
      return calls;
    },
    async close() {
      if (child.exitCode === null) child.send("close");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
