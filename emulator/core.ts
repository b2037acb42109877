// The emulator without its HTTP server: the cloud (seeded or loaded from a state file), flow
// control, faults and the call log. startEmulator (index.ts) serves it over HTTP; in-process.ts
// hands it to callers in the same Node process.
import { DEMO_ACCESS_KEY, DEMO_FLEET } from "./demo-fleet";
import type { EmulatorOptions } from "./options";
import { Cloud } from "./model/cloud";
import { DEFAULT_CLIENT_TOKEN_TTL_SECONDS } from "./model/client-tokens";
import { isSeed, randomSeed, seededStream } from "./model/random";
import { normalizeSeed, readSeed, type SeedFile } from "./model/seed";
import { CallLog } from "./server/call-log";
import { FaultInjector } from "./server/faults";
import { persistTo, readStateFile, writeStateFile } from "./server/persistence";
import { RateLimiter } from "./server/rate-limiter";

export interface EmulatorCore {
  cloud: Cloud;
  calls: CallLog;
  faults: FaultInjector;
  limiter: RateLimiter;
  /** The access keys the cloud knows (the seed's, else the demo key). */
  accessKeyIds: string[];
  seedOfRun: number;
  resetState(): void;
  logError(message: string): void;
}

export function createCore(options: EmulatorOptions): EmulatorCore {
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale >= 0) || !Number.isFinite(timeScale)) throw new Error("timeScale must be a finite number >= 0");
  if (options.tagReadLagSeconds !== undefined && !(options.tagReadLagSeconds >= 0 && Number.isFinite(options.tagReadLagSeconds))) {
    throw new Error("tagReadLagSeconds must be a number of seconds >= 0");
  }
  if (options.callLogLimit !== undefined && !(Number.isInteger(options.callLogLimit) && options.callLogLimit > 0)) {
    throw new Error("callLogLimit must be a whole number > 0");
  }
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
    tagReadLagSeconds: options.tagReadLagSeconds ?? 0,
  });
  const saved = options.stateFile ? readStateFile(options.stateFile) : undefined;
  if (saved) cloud.loadState(saved, accessKeys);
  else cloud.loadSeed(withKeys);
  if (options.stateFile) {
    persistTo(cloud, options.stateFile);
    if (!saved) writeStateFile(options.stateFile, cloud.toState());
  }
  return {
    cloud,
    calls: new CallLog(options.callLogLimit),
    faults: new FaultInjector(() => Math.floor(faultSeeds() * 4294967296)),
    limiter: new RateLimiter(options.rateLimits),
    accessKeyIds: accessKeys.map((k) => k.AccessKeyId),
    seedOfRun,
    resetState: () => {
      cloud.loadSeed(withKeys);
      cloud.changed();
    },
    logError: options.logError ?? ((m) => console.error(m)),
  };
}
