// The environment a Pulumi program and the diskops provider need to work against the embedded
// ECS emulator: its endpoint, the demo access key, and polling scaled to the emulator's time scale.
import { DEMO_ACCESS_KEY } from "../../emulator";

export function emulatorClientEnv(url: string, timeScale: number): Record<string, string | undefined> {
  // Poll about 20 times per simulated 10 s stop; never faster than every 10 ms.
  const pollMin = Math.max(10, Math.round((10_000 * timeScale) / 20));
  return {
    ALIBABA_CLOUD_ECS_ENDPOINT: url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.AccessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.AccessKeySecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: undefined,
    DISKOPS_POLL_MIN_MS: String(pollMin),
    DISKOPS_POLL_MAX_MS: String(pollMin * 5),
    DISKOPS_RETRY_MIN_MS: String(pollMin),
    DISKOPS_RETRY_MAX_MS: String(pollMin * 10),
  };
}
