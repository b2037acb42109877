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

// "Stop once, start once" needs the runs to overlap: they start together, but on a loaded CI
// machine one provider process can lag the other by a second or two, longer than a whole run at
// the fast time scale. Here the cloud's steps last several seconds (a reset 12 s), so the runs overlap.
describe("several processes that overlap", () => {
  const slowOf = useFaultLab({ timeScale: 0.6 });
  // Steps last longer here; so do the step timeouts (a loaded CI machine adds to them).
  const SLOW = {
    restore: { stop: "150s", restore: "150s", start: "150s" },
    replace: { stop: "150s", replace: "150s", start: "150s" },
  };
  let slow: FaultLab;
  beforeEach(() => {
    slow = slowOf();
  }, 240_000);

  it("two processes roll back two disks of one Running instance: one stop, both resets, one start", async () => {
    const { results, systemDisks } = await concurrently([
      { kind: "restore", props: { ...DATA1, timeouts: SLOW.restore } },
      { kind: "restore", props: { ...DATA2, timeouts: SLOW.restore } },
    ], slow);
    for (const r of results) expect(r.properties).toMatchObject({ instanceStatusBefore: "Running", instanceStatusAfter: "Running" });
    const calls = await slow.calls();
    expect(FaultLab.effective(calls, "StopInstance")).toHaveLength(1);
    expect(FaultLab.effective(calls, "StartInstance")).toHaveLength(1);
    expect(FaultLab.effective(calls, "ResetDisk")).toHaveLength(2);
    await expectSettled(slow, { status: "Running", disks: BOTH.disks.map((d) => [d.diskId, d.snapshotId]), systemDisks });
  }, 240_000);

  it("three processes (restore, restore, replace) on one instance share one stopped window", async () => {
    const { results, systemDisks } = await concurrently([
      { kind: "restore", props: { ...DATA1, timeouts: SLOW.restore } },
      { kind: "restore", props: { ...DATA2, timeouts: SLOW.restore } },
      { kind: "replace", props: { ...REPLACE, timeouts: SLOW.replace } },
    ], slow);
    for (const r of results) expect(r.properties).toMatchObject({ instanceStatusBefore: "Running", instanceStatusAfter: "Running" });
    const calls = await slow.calls();
    expect(FaultLab.effective(calls, "StopInstance")).toHaveLength(1);
    expect(FaultLab.effective(calls, "StartInstance")).toHaveLength(1);
    await expectSettled(slow, { status: "Running", disks: BOTH.disks.map((d) => [d.diskId, d.snapshotId]), systemDisks, replaced: true });
  }, 240_000);

  it("leave-stopped and restore in two processes: Running wins (any participant's policy resolving to Running)", async () => {
    const { results } = await concurrently([
      { kind: "restore", props: { ...DATA1, powerPolicy: "leave-stopped", timeouts: SLOW.restore } },
      { kind: "restore", props: { ...DATA2, timeouts: SLOW.restore } },
    ], slow);
    expect(results.map((r) => r.properties.instanceStatusAfter)).toEqual(["Running", "Running"]);
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
    expect((await lab.diskopsTags()).some((t) => /^diskops:owner:[0-9a-f]{12}\.[0-9a-f]{4}=done .*\bwant=run\b/.test(t))).toBe(true);
  } finally {
    await plugin.close();
  }
});
