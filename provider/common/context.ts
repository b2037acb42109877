// Per-process state of the resource logic: the stack config handed over by configure(), and ONE
// EcsApi + DescribeBatcher built lazily from settings.ts inside calls (never captured by the
// serialized provider). When the settings change (another endpoint, region or key in tests),
// a fresh pair is built.
import { createHash } from "crypto";
import type { DiskInfo, EcsApi } from "../ecs/api";
import { createEcsApi } from "../ecs/client";
import { DescribeBatcher } from "../ecs/describe-batcher";
import { now, processLocal } from "../ecs/process-scope";
import { ENV_KEYS, resolveEcsSettings } from "../ecs/settings";
import type { OpsContext } from "../operations/ops-context";

interface Handles {
  fingerprint: string;
  api: EcsApi;
  batcher: DescribeBatcher;
}

/** This process's state (process-scope.ts): the stack config and the ECS handles built from it. */
interface ProcessContext {
  config: Record<string, string>;
  handles?: Handles;
  /** Set by useEcsApi: these handles, whatever the settings say. */
  pinned?: Handles;
}

function processContext(): ProcessContext {
  return processLocal<ProcessContext>("common/context", () => ({ config: {} }));
}

export function setStackConfig(next: Record<string, string>): void {
  processContext().config = { ...(next ?? {}) };
}

export function stackConfig(): Record<string, string> {
  return processContext().config;
}

/**
 * Makes this process use `api` for every ECS call instead of one built from the settings (the
 * simulator gives each of its processes an EcsApi over an in-process transport).
 */
export function useEcsApi(api: EcsApi): void {
  processContext().pinned = { fingerprint: "pinned", api, batcher: new DescribeBatcher(api) };
}

function current(): Handles {
  const ctx = processContext();
  if (ctx.pinned) return ctx.pinned;
  // What the settings are made of; hashed, so the cache key never holds a secret in the clear.
  const sources = [stackConfig(), Object.values(ENV_KEYS).map((k) => process.env[k] ?? "")];
  const fingerprint = createHash("sha256").update(JSON.stringify(sources)).digest("hex");
  if (!ctx.handles || ctx.handles.fingerprint !== fingerprint) {
    const settings = resolveEcsSettings({ config: stackConfig(), env: process.env });
    const api = createEcsApi(settings);
    ctx.handles = { fingerprint, api, batcher: new DescribeBatcher(api) };
  }
  return ctx.handles;
}

export function ecs(): EcsApi {
  return current().api;
}

export function batcher(): DescribeBatcher {
  return current().batcher;
}

/** Region: the resource's input, else Pulumi config `alicloud:region`, else ALIBABA_CLOUD_REGION_ID. */
export function resolveRegion(explicit?: string): string | undefined {
  return explicit || stackConfig()["alicloud:region"] || process.env.ALIBABA_CLOUD_REGION_ID || undefined;
}

/** What the operations layer needs, wired to this process's API and shared polling. */
export function opsContext(): OpsContext {
  const { api, batcher: shared } = current();
  return {
    api,
    readInstance: (regionId, instanceId) => shared.getInstance(regionId, instanceId),
    cloudNow: () => api.cloudNow?.() ?? now(),
    readDisks: async (regionId, diskIds) => {
      const found = await Promise.all(diskIds.map((id) => shared.getDisk(regionId, id)));
      const out = new Map<string, DiskInfo>();
      found.forEach((d, i) => d && out.set(diskIds[i], d));
      return out;
    },
  };
}
