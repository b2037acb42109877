// The ECS emulator: a local HTTP server speaking the ECS RPC API (2014-05-26) as the official SDK
// sends it, over a simulated cloud with state machines and time. See README.md, "The ECS emulator".
import type { AddressInfo } from "net";
import type { ServerResponse } from "http";
import { DEMO_ACCESS_KEY, DEMO_FLEET } from "./demo-fleet";
import { Cloud } from "./model/cloud";
import { DEFAULT_CLIENT_TOKEN_TTL_SECONDS } from "./model/client-tokens";
import { isSeed, randomSeed, seededStream } from "./model/random";
import { normalizeSeed, readSeed, type SeedFile } from "./model/seed";
import { NonceCache } from "./protocol/timestamps";
import { CallLog, type CallLogEntry } from "./server/call-log";
import { FaultInjector } from "./server/faults";
import { createHttpServer } from "./server/http-server";
import { persistTo, readStateFile, writeStateFile } from "./server/persistence";
import { RateLimiter, type RateLimit } from "./server/rate-limiter";

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

export interface EmulatorOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Seed object or path to a seed JSON file; default: the demo fleet. */
  seed?: SeedFile | string;
  /** Multiplies every simulated duration; default 1 (realistic). Tests use 0.01 or less. */
  timeScale?: number;
  /** Persist the cloud here (loaded if present, else seeded) and rewrite after every change. */
  stateFile?: string;
  /** Override flow control per action (sliding window per access key; windows are not scaled). */
  rateLimits?: Record<string, RateLimit>;
  /** How long a ClientToken is remembered, in simulated seconds (scaled by timeScale); default 8 h. */
  clientTokenTtlSeconds?: number;
  /** F in [0, 1): every simulated duration is multiplied by a random factor in [1-F, 1+F]; default 0. */
  durationJitter?: number;
  /** Seeds the jitter and random faults that give no Seed (0 to 2^32-1); default: a random pick, see `randomSeed`. */
  randomSeed?: number;
  /** Where internal errors are reported; default console.error. */
  logError?: (message: string) => void;
}

export interface RunningEmulator {
  url: string;
  port: number;
  /** The in-process model: inspect or change resources directly (call cloud.changed() after direct edits to persist). */
  cloud: Cloud;
  /** The seed of this run's randomness (given, or picked): pass it as `randomSeed` to repeat the run. */
  randomSeed: number;
  /** The call log (same as GET /__emulator/calls). */
  calls(): CallLogEntry[];
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0) || !Number.isFinite(timeScale)) throw new Error("timeScale must be a finite number >= 0");
  const seed = options.seed === undefined ? DEMO_FLEET : readSeed(options.seed);
  const normalized = normalizeSeed(seed);
  const accessKeys = normalized.accessKeys.length > 0 ? normalized.accessKeys : [{ ...DEMO_ACCESS_KEY }];
  const withKeys: SeedFile = { ...seed, AccessKeys: accessKeys };

  if (options.randomSeed !== undefined && !isSeed(options.randomSeed)) throw new Error("randomSeed must be an integer from 0 to 4294967295");
  const seedOfRun = options.randomSeed ?? randomSeed();
  const faultSeeds = seededStream(seedOfRun, "faults");
  const cloud = new Cloud(timeScale, {
    durationJitter: options.durationJitter ?? 0,
    random: seededStream(seedOfRun, "durations"),
    clientTokenTtlSeconds: options.clientTokenTtlSeconds ?? DEFAULT_CLIENT_TOKEN_TTL_SECONDS,
  });
  const saved = options.stateFile ? readStateFile(options.stateFile) : undefined;
  if (saved) cloud.loadState(saved, accessKeys);
  else cloud.loadSeed(withKeys);
  if (options.stateFile) {
    persistTo(cloud, options.stateFile);
    if (!saved) writeStateFile(options.stateFile, cloud.toState());
  }

  const calls = new CallLog();
  const faults = new FaultInjector(() => Math.floor(faultSeeds() * 4294967296));
  const nonces = new NonceCache();
  const hung = new Set<ServerResponse>();
  const server = createHttpServer({
    cloud,
    calls,
    faults,
    nonces,
    hung,
    limiter: new RateLimiter(options.rateLimits),
    logError: options.logError ?? ((m) => console.error(m)),
    resetState: () => {
      cloud.loadSeed(withKeys);
      cloud.changed();
    },
  });
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

