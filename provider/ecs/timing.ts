// Env-driven timing defaults, read when asked (inside the provider process), never at module load,
// so tests and users can shrink or stretch them with DISKOPS_* variables.
import { EXPECTED_MS, type ExpectedOperation } from "./poll-schedule";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  factor: number;
  signal?: AbortSignal;
}

export interface PollTiming {
  minDelayMs: number;
  maxDelayMs: number;
}

/** Real-cloud defaults: ECS throttles per minute, so back off up to half a minute. */
export const DEFAULT_RETRY: Readonly<Omit<RetryPolicy, "signal">> = {
  retries: 6,
  minDelayMs: 1000,
  maxDelayMs: 30000,
  factor: 2,
};

/**
 * Status polling (poll-schedule.ts): minDelayMs is the short cadence near and after an operation's
 * expected end, and the grid waiters' polls are aligned to; maxDelayMs caps any single wait.
 * Expected durations scale with minDelayMs (DISKOPS_POLL_MIN_MS=10 in tests against an emulator
 * at time scale 0.01 makes a 10 s stop expected after 100 ms).
 */
export const DEFAULT_POLL: Readonly<PollTiming> = { minDelayMs: 1000, maxDelayMs: 20000 };

/**
 * Longest a Describe batch waits for company (ms). Waiters' polls are aligned to a grid, so they
 * arrive together; the window mostly gathers concurrent preflight reads of many resources. A batch
 * also goes once no new id arrived for a tenth of the window (at least 1 ms).
 */
export const DEFAULT_BATCH_WINDOW_MS = 200;

/** A non-negative integer from the environment, or the fallback when unset or malformed. */
export function envInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/** Retry policy: defaults < DISKOPS_RETRY_MIN_MS / DISKOPS_RETRY_MAX_MS / DISKOPS_RETRIES < explicit. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}, env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  const fromEnv = {
    retries: envInt(env, "DISKOPS_RETRIES", DEFAULT_RETRY.retries),
    minDelayMs: envInt(env, "DISKOPS_RETRY_MIN_MS", DEFAULT_RETRY.minDelayMs),
    maxDelayMs: envInt(env, "DISKOPS_RETRY_MAX_MS", DEFAULT_RETRY.maxDelayMs),
    factor: DEFAULT_RETRY.factor,
  };
  const policy = { ...fromEnv, ...definedOnly(overrides) };
  policy.maxDelayMs = Math.max(policy.maxDelayMs, policy.minDelayMs);
  return policy;
}

/** Poll timing: defaults < DISKOPS_POLL_MIN_MS / DISKOPS_POLL_MAX_MS < explicit. */
export function pollTiming(overrides: Partial<PollTiming> = {}, env: NodeJS.ProcessEnv = process.env): PollTiming {
  const timing = {
    minDelayMs: envInt(env, "DISKOPS_POLL_MIN_MS", DEFAULT_POLL.minDelayMs),
    maxDelayMs: envInt(env, "DISKOPS_POLL_MAX_MS", DEFAULT_POLL.maxDelayMs),
    ...definedOnly(overrides),
  };
  timing.maxDelayMs = Math.max(timing.maxDelayMs, timing.minDelayMs);
  return timing;
}

/**
 * Describe batching window: DISKOPS_BATCH_WINDOW_MS, else half the minimum poll delay capped at
 * DEFAULT_BATCH_WINDOW_MS (so faster polling, as in tests, batches over a proportionally shorter window).
 */
export function batchWindowMs(env: NodeJS.ProcessEnv = process.env): number {
  const derived = Math.min(DEFAULT_BATCH_WINDOW_MS, Math.floor(pollTiming({}, env).minDelayMs / 5));
  return envInt(env, "DISKOPS_BATCH_WINDOW_MS", derived);
}

/**
 * How old an answer may be for a read that repeats one just made (the apply's preflight after the
 * check of the same run): DISKOPS_READ_REUSE_MS, else 2x the minimum poll delay (2 s by default).
 */
export function readReuseMs(env: NodeJS.ProcessEnv = process.env): number {
  return envInt(env, "DISKOPS_READ_REUSE_MS", 2 * pollTiming({}, env).minDelayMs);
}

/** The typical duration of an ECS operation (poll-schedule.ts EXPECTED_MS) on this process's poll clock. */
export function expectedDurationMs(operation: ExpectedOperation, env: NodeJS.ProcessEnv = process.env): number {
  return Math.round((EXPECTED_MS[operation] * pollTiming({}, env).minDelayMs) / DEFAULT_POLL.minDelayMs);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * How stale a tag read may be (ms): a read of an instance's tags (ListTagResources, the Tags of
 * DescribeInstances) shows every tag write acknowledged at least this long before the read was
 * sent. ECS documents no bound; the intent record's handshakes wait this long between writing
 * and reading (docs/CRASH-SAFETY.md, "What the design assumes"). DISKOPS_TAG_READ_LAG_MS.
 */
export const DEFAULT_TAG_READ_LAG_MS = 1000;

/** The lag assumed: DISKOPS_TAG_READ_LAG_MS, else the default scaled like expected durations (with DISKOPS_POLL_MIN_MS). */
export function tagReadLagMs(env: NodeJS.ProcessEnv = process.env): number {
  const scaled = Math.round((DEFAULT_TAG_READ_LAG_MS * pollTiming({}, env).minDelayMs) / DEFAULT_POLL.minDelayMs);
  return envInt(env, "DISKOPS_TAG_READ_LAG_MS", scaled);
}
