// Lost answers (the request is carried out, the answer never arrives), several provider processes
// on one instance (two stacks, two pipelines), and 20 % random faults. Each case ends as the
// policy promises: Running again, disks rolled back, one replacement at most, no tag left.
import { D, expectSettled, FaultLab, I, M, S, useFaultLab } from "./fault-lab";

jest.setTimeout(90_000);

const labOf = useFaultLab();
let lab: FaultLab;
beforeEach(() => {
  lab = labOf();
});

const DATA1 = { disks: [{ diskId: D.webData1, snapshotId: S.webData1 }] };
const DATA2 = { disks: [{ diskId: D.webData2, snapshotId: S.webData2 }] };
const BOTH = { disks: [...DATA1.disks, ...DATA2.disks] };
const REPLACE = { instanceId: I.web, imageId: M.ubuntu2404, keyPairName: "kp-demo" };

describe.each([
  ["StopInstance", "restore"],
  ["TagResources", "restore"],
  ["ResetDisk", "restore"],
  ["ResetDisks", "restore"],
  ["StartInstance", "restore"],
  ["UntagResources", "restore"],
  ["ReplaceSystemDisk", "replace"],
] as const)("a lost answer to %s", (action, kind) => {
  it("is retried safely: the work is done once and the run succeeds", async () => {
    await lab.fault({ Action: action, Mode: "drop-response", Count: 1 });
    const disks = lab.watchSystemDisks();
    const plugin = await lab.plugin();
    try {
      const props = kind === "replace" ? REPLACE : { ...BOTH, strategy: action === "ResetDisks" ? "batch" : "per-disk" };
      const result = await lab.create(plugin, kind, props);
      expect(result.properties.instanceStatusAfter).toBe("Running");
      const calls = await lab.calls();
      // The fault did hit a call that was carried out.
      expect(calls.filter((c) => c.Action === action && c.Fault === "drop-response")).toHaveLength(1);
      await expectSettled(lab, {
        status: "Running",
        disks: kind === "restore" ? BOTH.disks.map((d) => [d.diskId, d.snapshotId]) : [],
        systemDisks: await disks.stop(),
        replaced: kind === "replace",
      });
    } finally {
      await disks.stop();
      await plugin.close();
    }
  });
});

async function concurrently(runs: { kind: "restore" | "replace"; props: Record<string, unknown> }[], on: FaultLab = lab) {
  const lab = on;
  const plugins = await Promise.all(runs.map(() => lab.plugin()));
  const disks = lab.watchSystemDisks();
  try {
    const results = await Promise.all(runs.map((r, i) => lab.create(plugins[i], r.kind, r.props)));
    return { results, systemDisks: await disks.stop() };
  } finally {
    await disks.stop();
    await Promise.all(plugins.map((p) => p.close()));
  }
}

// "Stop once, start once" needs the runs to share one window. Started together, they may not: on a
// loaded machine one provider process can lag another by seconds, come after the first said
// `ending`, and rightly wait for its close and open a window of its own. So ECS throttles the work
// calls (ResetDisk, ReplaceSystemDisk) until every run has entered the window; the next run starts
// only once the one before has entered. No run can say `ending` or close before the last joined,
// whatever the machine's load.
describe("several processes that overlap", () => {
  const slowOf = useFaultLab({ timeScale: 0.2 });
  // A loaded CI machine adds to every step: generous step timeouts.
  const SLOW = {
    restore: { stop: "150s", restore: "150s", start: "150s" },
    replace: { stop: "150s", replace: "150s", start: "150s" },
  };
  let slow: FaultLab;
  beforeEach(() => {
    slow = slowOf();
  }, 240_000);

  /** Records on the web instance of runs that entered the window (decided: `open before=Running`). */
  const entered = (state: any) =>
    (state.Instances.find((i: any) => i.InstanceId === I.web)?.Tags?.Tag ?? []).filter(
      (t: any) => /^diskops:owner:/.test(t.TagKey) && /^open before=Running /.test(t.TagValue),
    ).length;

  async function inOneWindow(runs: { kind: "restore" | "replace"; props: Record<string, unknown> }[]) {
    await slow.fault([
      { Action: "ResetDisk", Code: "Throttling.User", Probability: 1, Seed: 7 },
      { Action: "ReplaceSystemDisk", Code: "Throttling.User", Probability: 1, Seed: 8 },
    ]);
    // Throttled until the last run joined: more retries than the default 6.
    const plugins = await Promise.all(runs.map(() => slow.plugin({ DISKOPS_RETRIES: "1000" })));
    const disks = slow.watchSystemDisks();
    const pending: Promise<Awaited<ReturnType<FaultLab["create"]>>>[] = [];
    try {
      for (const [i, r] of runs.entries()) {
        // Preview's DryRun calls would meet the throttle too: these runs skip them (preflight is not under test here).
        const run = slow.create(plugins[i], r.kind, { ...r.props, preflight: false });
        run.catch(() => undefined); // awaited below; a failure is reported there
        pending.push(run);
        // Entered, and (the first) asked ECS to stop: the next run finds the instance stopping.
        const stopping = (state: any) => state.Instances.find((x: any) => x.InstanceId === I.web)?.Status !== "Running";
        await slow.until((_calls, state) => entered(state) === i + 1 && stopping(state), `run ${i + 1} (${r.kind}) entered the window`, run);
      }
      await slow.clearFaults();
      const results = await Promise.all(pending);
      // (The throttle need not have fired: the runs may all have entered before the first stop ended.)
      const calls = await slow.calls();
      return { results, systemDisks: await disks.stop(), calls };
    } finally {
      await disks.stop();
      await Promise.all(plugins.map((p) => p.close()));
    }
  }

  it("two processes roll back two disks of one Running instance: one stop, both resets, one start", async () => {
    const { results, systemDisks, calls } = await inOneWindow([
      { kind: "restore", props: { ...DATA1, timeouts: SLOW.restore } },
      { kind: "restore", props: { ...DATA2, timeouts: SLOW.restore } },
    ]);
    for (const r of results) expect(r.properties).toMatchObject({ instanceStatusBefore: "Running", instanceStatusAfter: "Running" });
    expect(FaultLab.effective(calls, "StopInstance")).toHaveLength(1);
    expect(FaultLab.effective(calls, "StartInstance")).toHaveLength(1);
    expect(FaultLab.effective(calls, "ResetDisk")).toHaveLength(2);
    await expectSettled(slow, { status: "Running", disks: BOTH.disks.map((d) => [d.diskId, d.snapshotId]), systemDisks });
  }, 240_000);

  it("three processes (restore, restore, replace) on one instance share one stopped window", async () => {
    const { results, systemDisks, calls } = await inOneWindow([
      { kind: "restore", props: { ...DATA1, timeouts: SLOW.restore } },
      { kind: "restore", props: { ...DATA2, timeouts: SLOW.restore } },
      { kind: "replace", props: { ...REPLACE, timeouts: SLOW.replace } },
    ]);
    for (const r of results) expect(r.properties).toMatchObject({ instanceStatusBefore: "Running", instanceStatusAfter: "Running" });
    expect(FaultLab.effective(calls, "StopInstance")).toHaveLength(1);
    expect(FaultLab.effective(calls, "StartInstance")).toHaveLength(1);
    await expectSettled(slow, { status: "Running", disks: BOTH.disks.map((d) => [d.diskId, d.snapshotId]), systemDisks, replaced: true });
  }, 240_000);

  it("leave-stopped and restore in two processes: Running wins (any participant's policy resolving to Running)", async () => {
    const { results, calls } = await inOneWindow([
      { kind: "restore", props: { ...DATA1, powerPolicy: "leave-stopped", timeouts: SLOW.restore } },
      { kind: "restore", props: { ...DATA2, timeouts: SLOW.restore } },
    ]);
    expect(results.map((r) => r.properties.instanceStatusAfter)).toEqual(["Running", "Running"]);
    expect(FaultLab.effective(calls, "StopInstance")).toHaveLength(1);
    expect(FaultLab.effective(calls, "StartInstance")).toHaveLength(1);
    await expectSettled(slow, { status: "Running", disks: BOTH.disks.map((d) => [d.diskId, d.snapshotId]) });
  }, 240_000);
});

it("20 % random faults (5xx, throttling, dropped connections), seeded: restore and replace still end as promised", async () => {
  await lab.fault([
    { Code: "ServiceUnavailable", HttpStatus: 503, Probability: 0.08, Seed: 11 },
    { Code: "Throttling.User", Probability: 0.06, Seed: 12 },
    { Mode: "reset", Probability: 0.06, Seed: 13 },
  ]);
  const { results, systemDisks } = await concurrently([
    { kind: "restore", props: BOTH },
    { kind: "replace", props: REPLACE },
  ]);
  for (const r of results) expect(r.properties.instanceStatusAfter).toBe("Running");
  const calls = await lab.calls();
  expect(calls.filter((c) => c.Fault).length).toBeGreaterThan(0);
  await lab.fault([]).catch(() => undefined);
  await expectSettled(lab, { status: "Running", disks: BOTH.disks.map((d) => [d.diskId, d.snapshotId]), systemDisks, replaced: true });
});

it("a process that waits for another says whom it waits for and fails at its own timeout", async () => {
  // Another pipeline's record: running, not expired, holding the window of a Running instance.
  const since = new Date();
  const compact = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const until = new Date(since.getTime() + 3600_000);
  const plugin = await lab.plugin();
  try {
    // Written through the emulator's API as the other process would (TagResources).
    const { createEcsApi } = require("../../provider/ecs/client");
    const { resolveEcsSettings } = require("../../provider/ecs/settings");
    const api = createEcsApi(resolveEcsSettings({ config: {}, env: { ...process.env, ALIBABA_CLOUD_ECS_ENDPOINT: `http://127.0.0.1:${lab.port}` } }));
    await api.tagResources("cn-hangzhou", "instance", I.web, {
      "diskops:window": `open before=Running since=${compact(since)}`,
      "diskops:op:0123456789ab": `restore running policy=restore before=Running since=${compact(since)} until=${compact(until)}`,
    });
    let error: any;
    try {
      await lab.create(plugin, "restore", { ...DATA1, timeouts: { stop: "2s", restore: "2s", start: "2s" } });
    } catch (err) {
      error = err;
    }
    expect(String(error?.message)).toContain("diskops:op:0123456789ab");
    expect(String(error?.message)).toMatch(/waited until its own deadline/);
    // Its own work is done and recorded for the holder, who will restore power.
    expect((await lab.diskopsTags()).some((t) => / diskops:owner:[0-9a-f]{12}\.[0-9a-f]{4}=done .*\bwant=run\b/.test(t))).toBe(true);
  } finally {
    await plugin.close();
  }
});
