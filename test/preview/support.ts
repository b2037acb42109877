// Helpers for the preview tests: an emulator per test file with the env the provider reads,
// its call log, and fault injection.
import { DEMO_ACCESS_KEY, DEMO_FLEET, DEMO_IDS } from "../../emulator/demo-fleet";

export interface EmulatorCall {
  Action: string;
  HttpStatus: number;
  Code?: string;
  RequestId: string;
  At: string;
  Params?: Record<string, string>;
}

export interface PreviewEmulator {
  url: string;
  cloud: any;
  env: Record<string, string>;
  calls(): Promise<EmulatorCall[]>;
  /** Calls that change something: anything but Describe* and DryRun=true requests. */
  mutatingCalls(): Promise<EmulatorCall[]>;
  fault(fault: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

export function isMutating(call: EmulatorCall): boolean {
  if (call.Action.startsWith("Describe") || call.Action === "ListTagResources") return false; // reads
  return String(call.Params?.DryRun ?? "").toLowerCase() !== "true";
}

/** The demo fleet, with the progressing snapshot kept progressing for the whole test run. */
export function previewSeed(): typeof DEMO_FLEET {
  const seed = JSON.parse(JSON.stringify(DEMO_FLEET));
  for (const s of seed.Snapshots) if (s.SnapshotId === DEMO_IDS.snapshots.batchData1Progressing) s.CompletesInSeconds = 1e6;
  return seed;
}

/** Starts the emulator (demo fleet) and points this process's provider code at it. */
export async function startPreviewEmulator(options: Record<string, unknown> = {}): Promise<PreviewEmulator> {
  const { startEmulator } = require("../../emulator");
  const emu = await startEmulator({ seed: previewSeed(), timeScale: 0.01, ...options });
  const env: Record<string, string> = {
    ALIBABA_CLOUD_ECS_ENDPOINT: emu.url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.AccessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.AccessKeySecret,
    ALIBABA_CLOUD_REGION_ID: "cn-hangzhou",
    DISKOPS_RETRY_MIN_MS: "10",
    DISKOPS_RETRY_MAX_MS: "50",
    DISKOPS_POLL_MIN_MS: "10",
  };
  Object.assign(process.env, env);
  const calls = async (): Promise<EmulatorCall[]> => (await fetch(`${emu.url}/__emulator/calls`)).json() as Promise<EmulatorCall[]>;
  return {
    url: emu.url,
    cloud: emu.cloud,
    env,
    calls,
    mutatingCalls: async () => (await calls()).filter(isMutating),
    fault: async (fault) => {
      const res = await fetch(`${emu.url}/__emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
      if (!res.ok) throw new Error(`fault injection failed: HTTP ${res.status} ${await res.text()}`);
    },
    clearFaults: async () => {
      await fetch(`${emu.url}/__emulator/faults`, { method: "DELETE" });
    },
    close: () => emu.close(),
  };
}

/** Calls made after `since` (an index into the call log). */
export async function callsSince(emu: PreviewEmulator, since: number): Promise<EmulatorCall[]> {
  return (await emu.calls()).slice(since);
}

export type Kind = "DiskRestore" | "SystemDiskReplacement";
export const URN: Record<Kind, string> = {
  DiskRestore: "urn:pulumi:test::proj::pulumi-nodejs:dynamic/diskops:DiskRestore::r",
  SystemDiskReplacement: "urn:pulumi:test::proj::pulumi-nodejs:dynamic/diskops:SystemDiskReplacement::s",
};

/**
 * For a test file: the emulator and the REAL dynamic-provider plugin (started in beforeAll,
 * closed in afterAll, faults cleared after each test), with the shims captured from real
 * registrations, and Check / Diff / Read helpers that send them along.
 */
/** `env`: more environment for the plugin process (e.g. DISKOPS_PERMISSION_PROOF_TTL_MS). */
export function usePluginPreview(options: { seed?: unknown; env?: Record<string, string> } = {}) {
  const p = {} as { emu: PreviewEmulator; plugin: import("../support/plugin-harness").ProviderPlugin };
  const shim: Partial<Record<Kind, string>> = {};
  beforeAll(async () => {
    const { DiskRestore, SystemDiskReplacement } = require("../../provider");
    const { captureProvider } = require("../support/capture-provider");
    const { startPlugin } = require("../support/plugin-harness");
    p.emu = await startPreviewEmulator(options.seed === undefined ? {} : { seed: options.seed });
    shim.DiskRestore = await captureProvider(() => new DiskRestore("r", { disks: [{ diskId: "d-1", snapshotId: "s-1" }] }));
    shim.SystemDiskReplacement = await captureProvider(() => new SystemDiskReplacement("s", { instanceId: "i-1", imageId: "m-1" }));
    p.plugin = await startPlugin({ env: { ...p.emu.env, ...options.env } });
    await p.plugin.configure({ "alicloud:region": "cn-hangzhou" });
  });
  afterAll(async () => {
    await p.plugin?.close();
    await p.emu?.close();
  });
  afterEach(async () => {
    await p.emu.clearFaults();
  });
  const withShim = (kind: Kind, props: Record<string, unknown>) => ({ ...props, __provider: shim[kind] });
  return {
    p,
    withShim,
    check: (kind: Kind, news: Record<string, unknown>, olds: Record<string, unknown> = {}) => p.plugin.check(URN[kind], olds, withShim(kind, news)),
    diff: (kind: Kind, olds: Record<string, unknown>, news: Record<string, unknown>) =>
      p.plugin.diff("id-1", URN[kind], withShim(kind, olds), withShim(kind, news)),
    read: (kind: Kind, props: Record<string, unknown>) => p.plugin.read("id-1", URN[kind], withShim(kind, props)),
  };
}

const WEB_DISKS = [
  { diskId: DEMO_IDS.disks.webData1, snapshotId: DEMO_IDS.snapshots.webData1 },
  { diskId: DEMO_IDS.disks.webData2, snapshotId: DEMO_IDS.snapshots.webData2 },
];

/** A DiskRestore's state as the apply records it (the demo web server, both data disks); override per test. */
export function recordedRestore(extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    disks: WEB_DISKS.map((d) => ({ ...d })),
    instanceId: DEMO_IDS.instances.web,
    regionId: "cn-hangzhou",
    instanceStatusBefore: "Running",
    instanceStatusAfter: "Running",
    requestIds: ["R1"],
    restoredAt: "2025-01-01T00:00:00.000Z",
    results: [],
    ...extra,
  };
}

/** A SystemDiskReplacement's state as the apply records it (the demo batch host, stopped); override per test. */
export function recordedReplacement(extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    instanceId: DEMO_IDS.instances.batch,
    imageId: DEMO_IDS.images.ubuntu2204,
    regionId: "cn-hangzhou",
    systemDiskId: DEMO_IDS.disks.batchSystem,
    previousSystemDiskId: "d-older",
    previousImageId: "m-older",
    requestId: "R3",
    replacedAt: "2025-01-01T00:00:00.000Z",
    instanceStatusBefore: "Stopped",
    instanceStatusAfter: "Stopped",
    clientToken: "tok",
    ...extra,
  };
}
