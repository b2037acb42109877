// The ECS emulator: a local HTTP server speaking the ECS RPC API (2014-05-26) as the official SDK
// sends it, over a simulated cloud with state machines and time. See README.md, "The ECS emulator".
import type { AddressInfo } from "net";
import type { ServerResponse } from "http";
import type { Cloud } from "./model/cloud";
import { NonceCache } from "./protocol/timestamps";
import type { CallLogEntry } from "./server/call-log";
import { createHttpServer } from "./server/http-server";
import { createCore } from "./core";
import type { EmulatorOptions } from "./options";

export { Cloud } from "./model/cloud";
export type { SeedFile } from "./model/seed";
export { RESIZABLE_TAG } from "./model/seed";
export { DEMO_ACCESS_KEY, DEMO_FLEET, DEMO_IDS, DEMO_REGION } from "./demo-fleet";
export { DEFAULT_RATE_LIMITS, type RateLimit } from "./server/rate-limiter";
export { BASE_SECONDS } from "./model/durations";
export { DEFAULT_CLIENT_TOKEN_TTL_SECONDS } from "./model/client-tokens";
export type { Fault, FaultMode } from "./server/faults";
export type { ActionName } from "./actions";
export type { CallLogEntry } from "./server/call-log";
export { openInProcessEmulator, type InProcessEmulator } from "./in-process";
export type { EmulatorOptions } from "./options";

export interface RunningEmulator {
  url: string;
  port: number;
  /** The in-process model: inspect or change resources directly (call cloud.changed() after direct edits to persist). */
  cloud: Cloud;
  /** The seed of this run's randomness (given, or picked): pass it as `randomSeed` to repeat the run. */
  randomSeed: number;
  /** The call log (same as GET /__emulator/calls). */
  calls(): CallLogEntry[];
  /** How many older call-log entries the limit dropped (header x-emulator-calls-dropped). */
  callsDropped(): number;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const { cloud, calls, faults, limiter, seedOfRun, resetState, logError } = createCore(options);
  const nonces = new NonceCache();
  const hung = new Set<ServerResponse>();
  const server = createHttpServer({ cloud, calls, faults, nonces, hung, limiter, logError, resetState });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    cloud,
    randomSeed: seedOfRun,
    calls: () => calls.list(),
    callsDropped: () => calls.dropped(),
    close() {
      closed ??= new Promise<void>((resolve) => {
        cloud.dispose();
        for (const res of hung) res.destroy();
        hung.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

