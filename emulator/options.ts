// The options of startEmulator / openInProcessEmulator (and the CLI flags that set them).
import type { SeedFile } from "./model/seed";
import type { RateLimit } from "./server/rate-limiter";

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
  /** Tag reads may show tags as they were up to this many simulated seconds ago (scaled by timeScale); default 0. */
  tagReadLagSeconds?: number;
  /** Call-log entries kept (older ones are dropped and counted); default 10,000. */
  callLogLimit?: number;
}
