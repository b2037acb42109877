// Per-process state of the resource logic: the stack config handed over by configure(), and ONE
// EcsApi + DescribeBatcher built lazily from settings.ts inside calls (never captured by the
// serialized provider). When the settings change (another endpoint, region or key in tests),
// a fresh pair is built.
import { createHash } from "crypto";
import type { DiskInfo, EcsApi } from "../ecs/api";
import { createEcsApi } from "../ecs/client";
import { DescribeBatcher } from "../ecs/describe-batcher";
import { ENV_KEYS, resolveEcsSettings } from "../ecs/settings";
import type { OpsContext } from "../operations/ops-context";

let config: Record<string, string> = {};

export function setStackConfig(next: Record<string, string>): void {
  config = { ...(next ?? {}) };
}

export function stackConfig(): Record<string, string> {
  return config;
}

interface Handles {
  fingerprint: string;
  api: EcsApi;
  batcher: DescribeBatcher;
}
let handles: Handles | undefined;

function current(): Handles {
  // What the settings are made of; hashed, so the cache key never holds a secret in the clear.
  const sources = [stackConfig(), Object.values(ENV_KEYS).map((k) => process.env[k] ?? "")];
  const fingerprint = createHash("sha256").update(JSON.stringify(sources)).digest("hex");
  if (!handles || handles.fingerprint !== fingerprint) {
    const settings = resolveEcsSettings({ config: stackConfig(), env: process.env });
    const api = createEcsApi(settings);
    handles = { fingerprint, api, batcher: new DescribeBatcher(api) };
  }
  return handles;
}

export function ecs(): EcsApi {
  return current().api;
}

export function batcher(): DescribeBatcher {
  return current().batcher;
}

/** Region: the resource's input, else Pulumi config `alicloud:region`, else ALIBABA_CLOUD_REGION_ID. */
export function resolveRegion(explicit?: string): string | undefined {
  return explicit || config["alicloud:region"] || process.env.ALIBABA_CLOUD_REGION_ID || undefined;
}

/** What the operations layer needs, wired to this process's API and shared polling. */
export function opsContext(): OpsContext {
  const { api, batcher: shared } = current();
  return {
    api,
    readInstance: (regionId, instanceId) => shared.getInstance(regionId, instanceId),
    readDisks: async (regionId, diskIds) => {
      const found = await Promise.all(diskIds.map((id) => shared.getDisk(regionId, id)));
      const out = new Map<string, DiskInfo>();
      found.forEach((d, i) => d && out.set(diskIds[i], d));
      return out;
    },
  };
}
