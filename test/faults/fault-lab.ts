// The fault suite's bench: one emulator (time scale 0.05) shared by the cases and reset between
// them, real dynamic-provider plugin processes (killed with SIGKILL at step boundaries), and the
// checks every case ends with: the power state the policy promises, every disk rolled back, at
// most one replacement, no `diskops:` tag left.
import * as fs from "fs";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { startEmulator, type EmulatorOptions } from "../../emulator";
import { DiskRestore, SystemDiskReplacement } from "../../provider";
import { captureProvider } from "../support/capture-provider";
import { ProviderPlugin, startPlugin, type CreateResult } from "../support/plugin-harness";
import { waitFor } from "../support/wait-for";
import { setPollingEnv } from "../lifecycle/emulator-env";

export const I = DEMO_IDS.instances;
export const D = DEMO_IDS.disks;
export const S = DEMO_IDS.snapshots;
export const M = DEMO_IDS.images;
export const URN_R = "urn:pulumi:test::faults::pulumi-nodejs:dynamic/diskops:DiskRestore::restore";
export const URN_S = "urn:pulumi:test::faults::pulumi-nodejs:dynamic/diskops:SystemDiskReplacement::replace";
export const TIMEOUTS: Record<"restore" | "replace", Record<string, string>> = {
  restore: { stop: "60s", restore: "60s", start: "60s" },
  replace: { stop: "60s", replace: "60s", start: "60s" },
};

export interface Call {
  Action: string;
  HttpStatus: number;
  Code?: string;
  Fault?: string;
  Params?: Record<string, string>;
}

export type Kind = "restore" | "replace";

export class FaultLab {
  private constructor(
    private readonly emu: Awaited<ReturnType<typeof startEmulator>>,
    readonly shims: Record<Kind, string>,
  ) {}

  static async start(options: Partial<EmulatorOptions> = {}): Promise<FaultLab> {
    setPollingEnv();
    const shims = {
      restore: await captureProvider(() => new DiskRestore("restore", { disks: [{ diskId: D.webData1, snapshotId: S.webData1 }] })),
      replace: await captureProvider(() => new SystemDiskReplacement("replace", { instanceId: I.web, imageId: M.ubuntu2404 })),
    };
    const emu = await startEmulator({ timeScale: 0.05, ...options });
    process.env.ALIBABA_CLOUD_ECS_ENDPOINT = `http://127.0.0.1:${emu.port}`;
    return new FaultLab(emu, shims);
  }

  get port(): number {
    return this.emu.port;
  }

  private async admin(path: string, init?: RequestInit): Promise<any> {
    const res = await fetch(`http://127.0.0.1:${this.emu.port}${path}`, init);
    if (!res.ok) throw new Error(`emulator admin ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json().catch(() => undefined);
  }

  /** Back to the demo fleet: no faults, empty call log, tokens forgotten. */
  async reset(): Promise<void> {
    await this.admin("/__emulator/faults", { method: "DELETE" });
    await this.admin("/__emulator/reset-state", { method: "POST" });
    await this.admin("/__emulator/calls", { method: "DELETE" });
  }

  /** Removes every injected fault (the call log stays). */
  async clearFaults(): Promise<void> {
    await this.admin("/__emulator/faults", { method: "DELETE" });
  }

  calls(): Promise<Call[]> {
    return this.admin("/__emulator/calls");
  }

  state(): Promise<any> {
    return this.admin("/__emulator/state");
  }

  async instance(id: string = I.web): Promise<any> {
    return (await this.state()).Instances.find((i: any) => i.InstanceId === id);
  }

  fault(fault: Record<string, unknown> | Record<string, unknown>[]): Promise<unknown> {
    return this.admin("/__emulator/faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
  }

  /** A fresh plugin process pointed at the emulator. */
  async plugin(env: Record<string, string> = {}): Promise<ProviderPlugin> {
    const endpoint = `http://127.0.0.1:${this.emu.port}`;
    const plugin = await startPlugin({ env: { ALIBABA_CLOUD_REGION_ID: undefined, ALIBABA_CLOUD_ECS_ENDPOINT: endpoint, ...env } });
    await plugin.configure({ "alicloud:region": "cn-hangzhou" });
    return plugin;
  }

  /** What `pulumi up` sends for a create: check, then create with the checked inputs. */
  async create(plugin: ProviderPlugin, kind: Kind, props: Record<string, unknown>): Promise<CreateResult> {
    const urn = kind === "restore" ? URN_R : URN_S;
    const checked = await plugin.check(urn, {}, { __provider: this.shims[kind], timeouts: TIMEOUTS[kind], ...props });
    if (checked.failures.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    return plugin.create(urn, checked.inputs);
  }

  /** Polls the emulator (call log and state) until `boundary` holds; fails early if `run` ends first. */
  async until(boundary: (calls: Call[], state: any) => boolean, what: string, run?: Promise<unknown>): Promise<void> {
    let ended: unknown;
    void run?.then((v) => (ended = v ?? "ended"));
    await waitFor(
      async () => {
        if (ended !== undefined) throw new Error(`the run ended before ${what}: ${ended instanceof Error ? ended.message : JSON.stringify(ended).slice(0, 300)}`);
        return boundary(await this.calls(), await this.state());
      },
      (ok) => ok,
      30_000,
      what,
    );
  }

  /**
   * Watches the system disks of an instance (every 10 ms) until stopped: a replacement creates a
   * new system disk, so the number of distinct system disks seen minus one is the number of
   * replacements that took effect (a second one would live at least 40 s x time scale).
   */
  watchSystemDisks(instanceId: string = I.web): { stop(): Promise<string[]> } {
    const seen = new Set<string>();
    let running = true;
    const loop = (async () => {
      while (running) {
        const state = await this.state().catch(() => undefined);
        for (const d of state?.Disks ?? []) {
          if (d.Type === "system" && (d.InstanceId === instanceId || (d.InstanceId === "" && d.Status === "Creating"))) seen.add(d.DiskId);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        const state = await this.state();
        for (const d of state.Disks) if (d.Type === "system" && d.InstanceId === instanceId) seen.add(d.DiskId);
        return [...seen];
      },
    };
  }

  /** Our tags left on any resource. */
  async diskopsTags(): Promise<string[]> {
    const state = await this.state();
    const out: string[] = [];
    for (const r of [...state.Instances, ...state.Disks]) {
      for (const t of r.Tags?.Tag ?? []) if (String(t.TagKey).startsWith("diskops:") && t.TagKey !== "diskops:resizable") out.push(`${r.InstanceId ?? r.DiskId} ${t.TagKey}=${t.TagValue}`);
    }
    return out;
  }

  /** Successful calls of an action (a dropped answer to a call that was carried out counts). */
  static effective(calls: Call[], action: string): Call[] {
    return calls.filter((c) => c.Action === action && c.HttpStatus > 0 && c.HttpStatus < 400);
  }

  close(): Promise<void> {
    return this.emu.close();
  }
}

/** One row of bench/RESULTS.md "Faults survived" (bench/faults-survived.ts runs this suite with DISKOPS_FAULTS_REPORT set). */
export interface FaultOutcome {
  scenario: string;
  statusAfter: string;
  replacements: number;
  calls: number;
  faultsHit: number;
  ms: number;
}

/** The test's name, and when it started (for the report). */
function currentCase(): { name: string; startedAt: number } {
  const state = expect.getState();
  return { name: state.currentTestName ?? "unnamed", startedAt: caseStarts.get(state.currentTestName ?? "") ?? Date.now() };
}
const caseStarts = new Map<string, number>();
beforeEach(() => {
  caseStarts.set(expect.getState().currentTestName ?? "", Date.now());
});

/** The checks every case ends with; the outcome goes to the bench report when one is asked for. */
export async function expectSettled(
  lab: FaultLab,
  expected: { status: string; disks?: [string, string][]; systemDisks?: string[]; replaced?: boolean },
): Promise<void> {
  const inst = await lab.instance();
  expect(inst.Status).toBe(expected.status);
  expect(inst.OperationLocks?.LockReason ?? []).toEqual([]);
  const state = await lab.state();
  for (const [diskId, snapshotId] of expected.disks ?? []) {
    const disk = state.Disks.find((d: any) => d.DiskId === diskId);
    expect({ diskId, source: disk?.SourceSnapshotId, status: disk?.Status }).toEqual({ diskId, source: snapshotId, status: "In_use" });
  }
  if (expected.systemDisks) {
    // The original disk, plus at most one new one.
    expect(expected.systemDisks.length).toBeLessThanOrEqual(2);
    if (expected.replaced) {
      expect(expected.systemDisks.length).toBe(2);
      expect(inst.ImageId).toBe(M.ubuntu2404);
    }
  }
  expect(await lab.diskopsTags()).toEqual([]);
  // Only a case that passed every check above is reported.
  const report = process.env.DISKOPS_FAULTS_REPORT;
  if (report) {
    const { name, startedAt } = currentCase();
    const calls = await lab.calls();
    const outcome: FaultOutcome = {
      scenario: name,
      statusAfter: (await lab.instance()).Status,
      replacements: Math.max(0, (expected.systemDisks?.length ?? 1) - 1),
      calls: calls.length,
      faultsHit: calls.filter((c) => c.Fault).length,
      ms: Date.now() - startedAt,
    };
    fs.appendFileSync(report, JSON.stringify(outcome) + "\n");
  }
}

/**
 * One lab for a test file, reset before each test. Returns a getter: the lab starts in beforeAll.
 * (The fault suite's shared setup; `options` as for FaultLab.start.)
 */
export function useFaultLab(options: Partial<EmulatorOptions> = {}): () => FaultLab {
  let lab: FaultLab | undefined;
  beforeAll(async () => {
    lab = await FaultLab.start(options);
  });
  afterAll(async () => {
    await lab?.close();
  });
  beforeEach(async () => {
    await lab!.reset();
  });
  return () => lab!;
}
