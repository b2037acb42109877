// Edge cases of the apply path's power handling: instances in transition when a run begins,
// someone else changing power during our run, StartInstance failing at the end, several
// resources on one instance where one fails. In-process provider against the emulator.
import { DEMO_FLEET, type RunningEmulator } from "../../emulator";
import { waitFor } from "../support/wait-for";
import { startProviderEmulator } from "./emulator-env";
import { D, I, M, PROVIDER, S, dr, failure, sdr, web1, web2 } from "./fixtures";

const { openSessionCount } = require("../../provider/operations/window/sessions");


let emu: RunningEmulator;
jest.setTimeout(30_000);

async function boot(timeScale = 0.005, seed: any = DEMO_FLEET): Promise<void> {
  emu = await startProviderEmulator({ timeScale, seed });
}

afterEach(async () => {
  await emu?.close();
  expect(openSessionCount()).toBe(0);
});

// The emulator completes due transitions before each request; reading its model directly, do the same.
const status = (id: string) => (emu.cloud.settle(), emu.cloud.instances.get(id)!.Status);
const ok = (action: string) => emu.calls().filter((c) => c.Action === action && c.HttpStatus === 200).length;

async function fault(f: Record<string, unknown>): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${emu.port}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(f),
  });
  expect(res.status).toBeLessThan(300);
}

async function create(p: any, news: Record<string, unknown>) {
  const checked = await p.check({}, news);
  expect(checked.failures ?? []).toEqual([]);
  return p.create({ ...checked.inputs, __provider: PROVIDER });
}

/** Puts the instance into a real transition, as if someone called Stop/StartInstance. */
function beginTransition(id: string, kind: "InstanceStop" | "InstanceStart"): void {
  emu.cloud.setInstanceStatus(id, kind === "InstanceStop" ? "Stopping" : "Starting");
  emu.cloud.startTransition({ Kind: kind, InstanceId: id, StoppedMode: "KeepCharging" } as any, 10);
}

describe("an instance in transition when the run begins is waited for first", () => {
  beforeEach(() => boot());

  it.each([
    ["restore", "Stopped", 0],
    ["start", "Running", 1],
    ["leave-stopped", "Stopped", 0],
    ["fail-if-running", "Stopped", 0],
  ])("Stopping, powerPolicy %s: never stopped again, ends %s", async (powerPolicy, after, starts) => {
    beginTransition(I.web, "InstanceStop");
    const { outs } = await create(dr(), { disks: [web1], powerPolicy, preflight: false });
    expect(outs).toMatchObject({ instanceStatusBefore: "Stopped", instanceStatusAfter: after, results: [{ status: "Success" }] });
    expect(ok("StopInstance")).toBe(0);
    expect(ok("StartInstance")).toBe(starts);
    expect(status(I.web)).toBe(after);
  });

  it.each([
    ["restore", "Running", 1],
    ["start", "Running", 1],
    ["leave-stopped", "Stopped", 0],
  ])("Starting, powerPolicy %s: stopped once, ends %s", async (powerPolicy, after, starts) => {
    beginTransition(I.batch, "InstanceStart");
    await waitFor(() => status(I.batch), (s) => s === "Starting");
    await emuSnapshotDone();
    const { outs } = await create(dr(), { disks: [{ diskId: D.batchData1, snapshotId: S.batchData1 }], powerPolicy, preflight: false });
    expect(outs).toMatchObject({ instanceStatusBefore: "Running", instanceStatusAfter: after });
    expect(ok("StopInstance")).toBe(1);
    expect(ok("StartInstance")).toBe(starts);
    expect(status(I.batch)).toBe(after);
  });

  it("Starting, fail-if-running: refused once it is Running, nothing changed", async () => {
    beginTransition(I.web, "InstanceStart");
    emu.cloud.setInstanceStatus(I.web, "Starting");
    const err = await failure(dr().create({ disks: [web1], powerPolicy: "fail-if-running", preflight: false, __provider: PROVIDER }));
    expect(err.message).toMatch(/fail-if-running/);
    expect(emu.calls().filter((c) => ["StopInstance", "StartInstance", "ResetDisk"].includes(c.Action))).toEqual([]);
  });
});

/** The progressing snapshot of the batch host's data disk blocks resets until it is done. */
async function emuSnapshotDone(): Promise<void> {
  await waitFor(() => (emu.cloud.settle(), emu.cloud.snapshots.get(S.batchData1Progressing)?.Status), (s) => s === "accomplished");
}

describe("someone else changes power during our run", () => {
  beforeEach(() => boot());

  it("the instance is stopped by someone else just before our StopInstance: the run goes on", async () => {
    const { ACTIONS } = require("../../emulator/actions");
    const original = ACTIONS.StopInstance.handle;
    ACTIONS.StopInstance.handle = (ctx: any) => {
      // Another actor's stop lands first; ours then meets IncorrectInstanceStatus.
      ACTIONS.StopInstance.handle = original;
      beginTransition(I.web, "InstanceStop");
      return original(ctx);
    };
    try {
      const { outs } = await create(dr(), { disks: [web1] });
      expect(outs).toMatchObject({ instanceStatusBefore: "Running", instanceStatusAfter: "Running", results: [{ status: "Success" }] });
    } finally {
      ACTIONS.StopInstance.handle = original;
    }
    expect(status(I.web)).toBe("Running");
  });

  it("the instance is started by someone else before our StartInstance: no failure, no second start", async () => {
    const { ACTIONS } = require("../../emulator/actions");
    const original = ACTIONS.StartInstance.handle;
    ACTIONS.StartInstance.handle = (ctx: any) => {
      ACTIONS.StartInstance.handle = original;
      beginTransition(I.web, "InstanceStart");
      return original(ctx);
    };
    try {
      const { outs } = await create(dr(), { disks: [web1] });
      expect(outs).toMatchObject({ instanceStatusAfter: "Running", results: [{ status: "Success" }] });
    } finally {
      ACTIONS.StartInstance.handle = original;
    }
  });
});

describe("StartInstance fails at the end", () => {
  beforeEach(() => boot());

  it("DiskRestore: says the instance is left Stopped and what to do; records the finished rollback", async () => {
    await fault({ Action: "StartInstance", Code: "OperationDenied.NoStock", HttpStatus: 403, Count: 50 });
    const err = await failure(create(dr(), { disks: [web1, web2] }));
    expect(err.message).toMatch(/OperationDenied\.NoStock/);
    expect(err.message).toMatch(/i-demo-web-1 .*It is left Stopped\./);
    expect(err.message).toMatch(/Start it yourself/);
    expect(err.id).toEqual(expect.any(String));
    expect(err.properties).toMatchObject({
      __provider: PROVIDER,
      instanceStatusBefore: "Running",
      instanceStatusAfter: "Stopped",
      results: [{ status: "Success" }, { status: "Success" }],
    });
    expect(status(I.web)).toBe("Stopped");
  });

  it("SystemDiskReplacement: the same, with the new disk recorded", async () => {
    await fault({ Action: "StartInstance", Code: "OperationDenied.NoStock", HttpStatus: 403, Count: 50 });
    const err = await failure(create(sdr(), { instanceId: I.web, imageId: M.ubuntu2404 }));
    expect(err.message).toMatch(/i-demo-web-1 .*It is left Stopped\./);
    expect(err.message).toMatch(/Start it yourself/);
    expect(err.properties.systemDiskId).toBe(emu.cloud.systemDiskOf(I.web)!.DiskId);
    expect(err.properties.instanceStatusAfter).toBe("Stopped");
  });
  it('powerPolicy "start" on a Stopped instance: the start failure is reported with its cause', async () => {
    emu.cloud.setInstanceStatus(I.web, "Stopped");
    await fault({ Action: "StartInstance", Code: "OperationDenied.NoStock", HttpStatus: 403, Count: 50 });
    const err = await failure(create(dr(), { disks: [web1], powerPolicy: "start" }));
    expect(err.message).toContain("The instance i-demo-web-1 was Stopped before and starting it failed");
    expect(err.message).toMatch(/OperationDenied\.NoStock.*It is left Stopped\./);
    expect(err.properties.results).toMatchObject([{ status: "Success" }]);
    expect(ok("StopInstance")).toBe(0);
  });
});

describe("two resources on one instance, one fails", () => {
  beforeEach(() => boot());

  it("the other finishes, power is restored once, the failure belongs to the failing one", async () => {
    const bad = [{ diskId: D.webData2, snapshotId: S.webData1 }];
    const [a, b] = await Promise.allSettled([
      create(dr(), { disks: [web1] }),
      create(dr(), { disks: bad, preflight: false }),
    ]);
    expect(a.status).toBe("fulfilled");
    expect(b.status).toBe("rejected");
    const outs = (a as PromiseFulfilledResult<any>).value.outs;
    expect(outs).toMatchObject({ instanceStatusAfter: "Running", results: [{ diskId: D.webData1, status: "Success" }] });
    const err = (b as PromiseRejectedResult).reason;
    expect(err.message).toMatch(/d-demo-web-1-data-2|InvalidParameter\.Mismatch/);
    expect(err.message).toContain("was started again");
    expect(err.properties.results).toMatchObject([{ diskId: D.webData2, status: "Failed" }]);
    expect(ok("StopInstance")).toBe(1);
    expect(ok("StartInstance")).toBe(1);
    expect(status(I.web)).toBe("Running");
  });
});
