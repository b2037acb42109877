// Runs the resource logic in this process against an emulator: the environment the provider
// process would have (endpoint, demo keys, region) and the project's default poll/retry timing
// multiplied by the emulator's time scale, so waits keep their real proportions.
import { DEMO_ACCESS_KEY, DEMO_REGION } from "../../emulator";
import { DEFAULT_BATCH_WINDOW_MS, DEFAULT_POLL, DEFAULT_RETRY } from "../../provider/ecs/timing";

export interface ScaledTiming {
  timeScale: number;
  pollMinMs: number;
  pollMaxMs: number;
  retryMinMs: number;
  retryMaxMs: number;
  batchWindowMs: number;
}

/** The defaults of provider/ecs/timing.ts times `timeScale` (the env takes whole milliseconds). */
export function scaledTiming(timeScale: number): ScaledTiming {
  const scale = (ms: number) => Math.round(ms * timeScale);
  return {
    timeScale,
    pollMinMs: scale(DEFAULT_POLL.minDelayMs),
    pollMaxMs: scale(DEFAULT_POLL.maxDelayMs),
    retryMinMs: scale(DEFAULT_RETRY.minDelayMs),
    retryMaxMs: scale(DEFAULT_RETRY.maxDelayMs),
    batchWindowMs: scale(DEFAULT_BATCH_WINDOW_MS),
  };
}

export function describeTiming(t: ScaledTiming): string {
  return (
    `poll ${t.pollMinMs}–${t.pollMaxMs} ms, retry ${t.retryMinMs}–${t.retryMaxMs} ms, ` +
    `Describe batch window ${t.batchWindowMs} ms (defaults ${DEFAULT_POLL.minDelayMs}–${DEFAULT_POLL.maxDelayMs} / ` +
    `${DEFAULT_RETRY.minDelayMs}–${DEFAULT_RETRY.maxDelayMs} / ${DEFAULT_BATCH_WINDOW_MS} ms x ${t.timeScale})`
  );
}

const KEYS = [
  "ALIBABA_CLOUD_ECS_ENDPOINT",
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_REGION_ID",
  "DISKOPS_POLL_MIN_MS",
  "DISKOPS_POLL_MAX_MS",
  "DISKOPS_RETRY_MIN_MS",
  "DISKOPS_RETRY_MAX_MS",
  "DISKOPS_BATCH_WINDOW_MS",
] as const;

/** Points the provider logic at the emulator on `port`; returns a function that puts the env back. */
export function pointProviderAt(port: number, timing: ScaledTiming): () => void {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  Object.assign(process.env, {
    ALIBABA_CLOUD_ECS_ENDPOINT: `http://127.0.0.1:${port}`,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.AccessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.AccessKeySecret,
    ALIBABA_CLOUD_REGION_ID: DEMO_REGION,
    DISKOPS_POLL_MIN_MS: String(timing.pollMinMs),
    DISKOPS_POLL_MAX_MS: String(timing.pollMaxMs),
    DISKOPS_RETRY_MIN_MS: String(timing.retryMinMs),
    DISKOPS_RETRY_MAX_MS: String(timing.retryMaxMs),
    DISKOPS_BATCH_WINDOW_MS: String(timing.batchWindowMs),
  });
  return () => {
    for (const k of KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
}
