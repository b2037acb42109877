// DiskRestore through the provider methods, in-process, against the emulator.
import { startTestCloud, type TestCloud } from "./emulator-env";
import { D, I, PROVIDER, S, dr, failure } from "./fixtures";

const webDisks = [
  { diskId: D.webData1, snapshotId: S.webData1 },
  { diskId: D.webData2, snapshotId: S.webData2 },
];

async function create(news: Record<string, unknown>) {
  const checked = await dr().check({}, news);
  expect(checked.failures ?? []).toEqual([]);
  return dr().create({ ...checked.inputs, __provider: PROVIDER });
}

let cloud: TestCloud;
beforeEach(async () => {
  cloud = await startTestCloud();
});
afterEach(async () => {
  await cloud.close();
});

describe("create", () => {
  it("per-disk: stops the Running instance once, resets each disk, starts it again, records outputs", async () => {
    const { id, outs } = await create({ disks: webDisks });
    expect(id).toEqual(expect.any(String));
    expect(outs).toMatchObject({
      disks: webDisks,
      instanceId: I.web,
      regionId: "cn-hangzhou",
      instanceStatusBefore: "Running",
      instanceStatusAfter: "Running",
      results: webDisks.map((d) => ({ ...d, status: "Success" })),
    });
    expect(new Date(outs.restoredAt).toISOString()).toBe(outs.restoredAt);
    const calls = await cloud.calls();
    // requestIds: the stop, each reset, the start — the accepted mutating calls, in order.
    const accepted = calls.filter((c) => ["StopInstance", "ResetDisk", "StartInstance"].includes(c.Action) && c.HttpStatus === 200);
    expect(outs.requestIds).toEqual(accepted.map((c) => c.RequestId));
    expect(outs.requestIds).toHaveLength(4);
    expect(await cloud.count("StopInstance", calls)).toBe(1);
    expect(await cloud.count("ResetDisk", calls)).toBe(2);
    expect(await cloud.count("ResetDisks", calls)).toBe(0);
    expect(await cloud.count("StartInstance", calls)).toBe(1);
    expect((await cloud.instance(I.web)).Status).toBe("Running");
    for (const d of webDisks) {
      const disk = await cloud.disk(d.diskId);
      expect(disk.Status).toBe("In_use");
      expect(disk.SourceSnapshotId).toBe(d.snapshotId);
    }
  });

  it("apply sends no DryRun: the check proved the permission (one DryRun), apply re-reads the preconditions only", async () => {
    const checked = await dr().check({}, { disks: webDisks });
    const afterCheck = (await cloud.calls()).length;
    await dr().create({ ...checked.inputs, __provider: PROVIDER });
    const all = await cloud.calls();
    const dryRuns = (calls: typeof all) => calls.filter((c) => String(c.Params?.DryRun) === "true");
    expect(dryRuns(all.slice(0, afterCheck)).map((c) => c.Action)).toEqual(["ResetDisk"]);
    expect(dryRuns(all.slice(afterCheck))).toEqual([]);
    expect(await cloud.count("ResetDisk", all)).toBe(2);
  });

  it("batch: one ResetDisks call for all disks", async () => {
    const { outs } = await create({ disks: webDisks, strategy: "batch" });
    expect(outs.results.map((r: any) => r.status)).toEqual(["Success", "Success"]);
    const calls = await cloud.calls();
    expect(await cloud.count("ResetDisks", calls)).toBe(1);
    expect(await cloud.count("ResetDisk", calls)).toBe(0);
    expect((await cloud.instance(I.web)).Status).toBe("Running");
  });
});

describe("update and delete", () => {
  it("a triggers change runs the rollback again; a settings-only change and delete touch nothing", async () => {
    const news = { disks: webDisks, triggers: { run: 1 } };
    const { id, outs } = await create(news);
    expect(await cloud.count("ResetDisk")).toBe(2);

    const rerun = await dr().update(id, outs, (await dr().check(outs, { ...news, triggers: { run: 2 } })).inputs);
    expect(rerun.outs.triggers).toEqual({ run: 2 });
    expect(await cloud.count("ResetDisk")).toBe(4);
    expect(await cloud.count("StopInstance")).toBe(2);

    const before = (await cloud.mutatingCalls()).length;
    const settingsNews = (await dr().check(rerun.outs, { ...news, triggers: { run: 2 }, timeouts: { restore: "10m" }, powerPolicy: "start" })).inputs;
    const diff = await dr().diff(id, rerun.outs, settingsNews);
    expect(diff.replaces ?? []).toEqual([]);
    const settled = await dr().update(id, rerun.outs, settingsNews);
    expect(settled.outs).toMatchObject({ timeouts: { restore: "10m" }, powerPolicy: "start", restoredAt: rerun.outs.restoredAt, requestIds: rerun.outs.requestIds });
    expect((await cloud.mutatingCalls()).length).toBe(before);

    await dr().delete(id, settled.outs);
    expect((await cloud.mutatingCalls()).length).toBe(before);
    expect((await cloud.instance(I.web)).Status).toBe("Running");
  });
});

describe("power policies", () => {
  // The batch host's data disk has a snapshot in progress in the demo fleet: let it finish.
  beforeEach(() => cloud.waitForSnapshot(S.batchData1Progressing));

  it("restore on a Stopped instance leaves it Stopped and never stops or starts it", async () => {
    const { outs } = await create({ disks: [{ diskId: D.batchData1, snapshotId: S.batchData1 }] });
    expect(outs).toMatchObject({ instanceId: I.batch, instanceStatusBefore: "Stopped", instanceStatusAfter: "Stopped" });
    const calls = await cloud.calls();
    expect(await cloud.count("StopInstance", calls)).toBe(0);
    expect(await cloud.count("StartInstance", calls)).toBe(0);
  });

  it("start starts a Stopped instance afterwards", async () => {
    const { outs } = await create({ disks: [{ diskId: D.batchData1, snapshotId: S.batchData1 }], powerPolicy: "start" });
    expect(outs).toMatchObject({ instanceStatusBefore: "Stopped", instanceStatusAfter: "Running" });
    expect((await cloud.instance(I.batch)).Status).toBe("Running");
  });

  it("leave-stopped leaves a Running instance Stopped (forceStop and stoppedMode honoured)", async () => {
    const { outs } = await create({ disks: webDisks, powerPolicy: "leave-stopped", forceStop: true, stoppedMode: "StopCharging" });
    expect(outs).toMatchObject({ instanceStatusBefore: "Running", instanceStatusAfter: "Stopped" });
    const inst = await cloud.instance(I.web);
    expect(inst.Status).toBe("Stopped");
    expect(inst.StoppedMode).toBe("StopCharging");
    expect(await cloud.count("StartInstance")).toBe(0);
  });

  it("fail-if-running refuses on a Running instance without stopping it", async () => {
    // check (preflight) already says so ...
    const checked = await dr().check({}, { disks: webDisks, powerPolicy: "fail-if-running" });
    expect(checked.failures.map((f: any) => f.property)).toContain("powerPolicy");
    // ... and the apply refuses on its own too (preflight off).
    const err = await failure(dr().create({ disks: webDisks, powerPolicy: "fail-if-running", preflight: false, __provider: PROVIDER }));
    expect(err.message).toMatch(/i-demo-web-1 is Running and powerPolicy is "fail-if-running": nothing was changed/);
    expect(err.id).toBeUndefined();
    expect(await cloud.mutatingCalls()).toEqual([]);
    expect((await cloud.instance(I.web)).Status).toBe("Running");
  });

  it("fail-if-running proceeds on a Stopped instance", async () => {
    const { outs } = await create({ disks: [{ diskId: D.batchData1, snapshotId: S.batchData1 }], powerPolicy: "fail-if-running" });
    expect(outs.instanceStatusAfter).toBe("Stopped");
    expect(await cloud.count("ResetDisk")).toBe(1);
  });
});

describe("failures", () => {
  it("a timeout says what it waited for and the last state, restores power and carries partial state", async () => {
    const err = await failure(create({ disks: webDisks, timeouts: { restore: 0.02 } }));
    expect(err.message).toMatch(/Timed out after .* \(restore timeout\) waiting for disk\(s\) .*ReIniting/);
    expect(err.message).toContain("The instance i-demo-web-1 was started again (it was Running before).");
    expect(err.id).toEqual(expect.any(String));
    expect(err.properties).toMatchObject({ incomplete: true, instanceId: I.web, __provider: PROVIDER, disks: webDisks });
    expect((await cloud.instance(I.web)).Status).toBe("Running");
    expect(await cloud.count("StartInstance")).toBe(1);

    // The next up finishes the job from the partial state.
    const diff = await dr().diff(err.id, err.properties, { disks: webDisks, __provider: PROVIDER });
    expect(diff.changes).toBe(true);
    const done = await dr().update(err.id, err.properties, { disks: webDisks, __provider: PROVIDER });
    expect(done.outs.results.map((r: any) => r.status)).toEqual(["Success", "Success"]);
    expect(done.outs.incomplete).toBeUndefined();
  });

  it("a terminal error (snapshot of another disk) fails at once, restores power and says so", async () => {
    const disks = [
      { diskId: D.webData1, snapshotId: S.webData1 },
      { diskId: D.webData2, snapshotId: S.webData1 },
    ];
    const err = await failure(create({ disks, preflight: false }));
    expect(err.message).toMatch(/InvalidParameter\.Mismatch \(HTTP 403, request [^)]+\)/);
    expect(err.message).toContain("Remedy:");
    expect(err.message).toContain("The instance i-demo-web-1 was started again (it was Running before).");
    expect(err.properties.results).toMatchObject([
      { diskId: D.webData1, status: "Success" },
      { diskId: D.webData2, status: "Failed", errorCode: "InvalidParameter.Mismatch" },
    ]);
    expect(err.properties.incomplete).toBe(true);
    expect((await cloud.instance(I.web)).Status).toBe("Running");
    expect(await cloud.count("ResetDisk")).toBe(1);
  });

  it("batch: a per-disk failure in OperationProgressSet is reported per disk", async () => {
    const disks = [
      { diskId: D.webData1, snapshotId: S.webData1 },
      { diskId: D.webData2, snapshotId: S.webData1 },
    ];
    const err = await failure(create({ disks, strategy: "batch", preflight: false }));
    expect(err.message).toMatch(/ResetDisks failed for 1 of 2 disk\(s\): d-demo-web-1-data-2 .*InvalidParameter\.Mismatch/);
    expect(err.properties.results).toMatchObject([
      { diskId: D.webData1, status: "Success" },
      { diskId: D.webData2, status: "Failed", errorCode: "InvalidParameter.Mismatch" },
    ]);
    expect((await cloud.instance(I.web)).Status).toBe("Running");
  });

  it("preflight catches the mismatch before anything is stopped", async () => {
    const disks = [{ diskId: D.webData2, snapshotId: S.webData1 }];
    const err = await failure(dr().create({ disks, __provider: PROVIDER }));
    expect(err.message).toMatch(/preflight/);
    expect(await cloud.mutatingCalls()).toEqual([]);
  });

  it("throttling, 5xx and connection resets are retried", async () => {
    await cloud.fault({ Action: "StopInstance", Code: "ServiceUnavailable", HttpStatus: 503, Count: 1 });
    await cloud.fault({ Action: "ResetDisk", Code: "Throttling.User", HttpStatus: 400, Count: 2 });
    await cloud.fault({ Action: "StartInstance", Mode: "reset", Count: 1 });
    await cloud.fault({ Action: "DescribeDisks", Code: "InternalError", HttpStatus: 500, Count: 1 });
    const { outs } = await create({ disks: webDisks });
    expect(outs.instanceStatusAfter).toBe("Running");
    expect(outs.results.map((r: any) => r.status)).toEqual(["Success", "Success"]);
    const calls = await cloud.calls();
    expect(calls.filter((c) => c.Action === "ResetDisk" && c.Code === "Throttling.User")).toHaveLength(2);
    expect(calls.filter((c) => c.Action === "StopInstance" && c.HttpStatus === 503)).toHaveLength(1);
    expect(await cloud.count("ResetDisk", calls)).toBe(2);
  });

  it("transient conflicts are waited out and the call repeated", async () => {
    await cloud.fault({ Action: "ResetDisk", Code: "Operation.Conflict", HttpStatus: 403, Count: 2 });
    const { outs } = await create({ disks: webDisks });
    expect(outs.results.map((r: any) => r.status)).toEqual(["Success", "Success"]);
    const calls = await cloud.calls();
    expect(calls.filter((c) => c.Action === "ResetDisk" && c.Code === "Operation.Conflict")).toHaveLength(2);
  });
});

describe("several resources on one instance", () => {
  it("overlapping rollbacks stop the instance once and start it once", async () => {
    const [a, b] = await Promise.all([
      create({ disks: [webDisks[0]] }),
      create({ disks: [webDisks[1]], powerPolicy: "leave-stopped" }),
    ]);
    const calls = await cloud.calls();
    expect(await cloud.count("StopInstance", calls)).toBe(1);
    expect(await cloud.count("StartInstance", calls)).toBe(1);
    expect(await cloud.count("ResetDisk", calls)).toBe(2);
    // "restore" (Running before) wins over leave-stopped: the final state is Running, for both.
    expect(a.outs.instanceStatusAfter).toBe("Running");
    expect(b.outs.instanceStatusAfter).toBe("Running");
    expect(a.outs.instanceStatusBefore).toBe("Running");
    expect(b.outs.instanceStatusBefore).toBe("Running");
    expect((await cloud.instance(I.web)).Status).toBe("Running");
  });

  it("all participants leave-stopped: stopped once, never started", async () => {
    const results = await Promise.all(webDisks.map((d) => create({ disks: [d], powerPolicy: "leave-stopped" })));
    expect(results.map((r) => r.outs.instanceStatusAfter)).toEqual(["Stopped", "Stopped"]);
    const calls = await cloud.calls();
    expect(await cloud.count("StopInstance", calls)).toBe(1);
    expect(await cloud.count("StartInstance", calls)).toBe(0);
  });
});
