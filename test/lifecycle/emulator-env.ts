// Lifecycle-test support: a fresh emulator per test (fast time scale), the provider process env
// pointed at it, and helpers to read its state and call log and to inject faults.
import { DEMO_ACCESS_KEY, DEMO_REGION } from "../../emulator/demo-fleet";
import { startEmulator } from "../../emulator";
import { waitFor } from "../support/wait-for";

export const MUTATING_ACTIONS = ["StopInstance", "StartInstance", "ResetDisk", "ResetDisks", "ReplaceSystemDisk"];

export interface CallRecord {
  Action: string;
  HttpStatus: number;
  Code?: string;
  RequestId: string;
  At: string;
  /** The request's parameters, secrets masked (tells a DryRun from a real call). */
  Params?: Record<string, string>;
}

export interface TestCloud {
  url: string;
  calls(): Promise<CallRecord[]>;
  /** Successful calls of an action. */
  count(action: string, calls?: CallRecord[]): Promise<number>;
  mutatingCalls(): Promise<CallRecord[]>;
  state(): Promise<any>;
  instance(id: string): Promise<any>;
  disk(id: string): Promise<any>;
  fault(fault: Record<string, unknown>): Promise<void>;
  /** Polls the emulator until the instance has `status` (state, not sleeps). */
  waitForInstance(id: string, status: string): Promise<void>;
  /** Polls the emulator until the snapshot is accomplished. */
  waitForSnapshot(id: string): Promise<void>;
  close(): Promise<void>;
}

export function setPollingEnv(): void {
  Object.assign(process.env, {
    DISKOPS_POLL_MIN_MS: "10",
    DISKOPS_POLL_MAX_MS: "100",
    DISKOPS_RETRY_MIN_MS: "10",
    DISKOPS_RETRY_MAX_MS: "50",
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.AccessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.AccessKeySecret,
    ALIBABA_CLOUD_REGION_ID: DEMO_REGION,
  });
}

type EmulatorSetup = { seed?: import("../../emulator").SeedFile; timeScale?: number };

/** A fresh emulator (fast time scale) with this process's provider env pointed at it. */
export async function startProviderEmulator(options: EmulatorSetup = {}) {
  setPollingEnv();
  const emu = await startEmulator({ timeScale: options.timeScale ?? 0.005, ...(options.seed ? { seed: options.seed } : {}) });
  process.env.ALIBABA_CLOUD_ECS_ENDPOINT = `http://127.0.0.1:${emu.port}`;
  return emu;
}

export async function startTestCloud(options: EmulatorSetup = {}): Promise<TestCloud> {
  const emu = await startProviderEmulator(options);
  const admin = async (path: string, init?: RequestInit): Promise<any> => {
    const res = await fetch(`http://127.0.0.1:${emu.port}${path}`, init);
    if (!res.ok) throw new Error(`emulator admin ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  const calls = () => admin("/__emulator/calls") as Promise<CallRecord[]>;
  const state = () => admin("/__emulator/state");
  const instance = async (id: string) => (await state()).Instances.find((i: any) => i.InstanceId === id);
  const cloud: TestCloud = {
    url: emu.url,
    calls,
    async count(action, list) {
      return (list ?? (await calls())).filter((c) => c.Action === action && c.HttpStatus < 400).length;
    },
    async mutatingCalls() {
      return (await calls()).filter((c) => MUTATING_ACTIONS.includes(c.Action));
    },
    state,
    instance,
    async disk(id) {
      return (await state()).Disks.find((d: any) => d.DiskId === id);
    },
    async fault(fault) {
      await admin("/__emulator/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
    },
    waitForInstance: (id, status) => pollState(async () => (await instance(id))?.Status === status, `instance ${id} ${status}`),
    waitForSnapshot: (id) =>
      pollState(async () => (await state()).Snapshots.find((s: any) => s.SnapshotId === id)?.Status === "accomplished", `snapshot ${id}`),
    close: () => emu.close(),
  };
  return cloud;
}

async function pollState(ready: () => Promise<boolean>, what: string): Promise<void> {
  await waitFor(ready, (ok) => ok, 10_000, `emulator state: ${what}`);
}
