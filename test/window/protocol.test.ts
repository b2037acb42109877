// The window protocol between provider processes (provider/operations/window/), against the
// emulator in-process: a fleet's record costs a few calls per 50 instances; a killed run's re-run
// restores the state before the stop even when tag reads lag; processes of two stacks share one
// window; a rival replacement is refused before anything is touched; a run that failed and was
// killed while closing is finished by its re-run.
import { fleetSeed, fleetMember } from "../../bench/support/fleet";
import { DEMO_IDS } from "../../emulator";
import { runInStoppedWindow as runWindow, type WindowAccess } from "../../provider/operations/window/power-window";
import type { OpsContext } from "../../provider/operations/ops-context";
import { joinSession, type PowerRequest } from "../../provider/operations/window/sessions";
import { stackOwnerId } from "../../provider/operations/window/record";
import { fastTiming, REGION, startLab, until, type Lab } from "./support";

jest.setTimeout(60_000);
fastTiming();

const I = DEMO_IDS.instances;
const OWNER = stackOwnerId("shop", "prod");
const OTHER = stackOwnerId("shop", "staging");

function request(instanceId: string, owner = OWNER, extra: Partial<PowerRequest> = {}): PowerRequest {
  return {
    regionId: REGION,
    instanceId,
    policy: "restore",
    stop: { forceStop: false },
    stopTimeoutMs: 20_000,
    startTimeoutMs: 20_000,
    intent: { owner, kind: "restore", budgetMs: 60_000 },
    ...extra,
  };
}

/** A resource's run of the window: act, then release the record as the apply does last. */
async function runInStoppedWindow<T>(ctx: OpsContext, req: PowerRequest, act: (w: WindowAccess) => Promise<T>) {
  const outcome = await runWindow(ctx, req, act);
  await outcome.release();
  return outcome;
}

const diskopsTags = (lab: Lab, id: string) => Object.keys(lab.tags(id)).filter((k) => k.startsWith("diskops:"));
const count = (lab: Lab, action: string) => lab.actions().filter((a) => a === action).length;

let lab: Lab;
afterEach(() => {
  lab?.close();
  fastTiming();
});

test("one process holding 120 instances writes the record in a few calls per 50 instances, and reads it from DescribeInstances", async () => {
  // Sending 120 calls takes the same real time at any time scale (the call budget paces them): run
  // this one at 0.1 (a 1 s stop, 100 ms polls), where that spread keeps its real proportion.
  fastTiming(100);
  lab = startLab({ seed: fleetSeed(120), timeScale: 0.1 });
  const p = lab.process("fleet");
  const ids = Array.from({ length: 120 }, (_, i) => fleetMember(i).instanceId);
  const outcomes = await p.run((ctx) => Promise.all(ids.map((id) => runInStoppedWindow(ctx, request(id), async () => "done"))));
  expect(outcomes.every((o) => !o.failed && o.statusBefore === "Running" && o.statusAfter === "Running")).toBe(true);
  // Unbatched, the four writes per instance (entering, entered, closing, closed) would be 480
  // TagResources and the removal 120 UntagResources. Batched: 3 calls (of at most 50 ids) per
  // step, a few more when sessions reach a step in different poll rounds.
  expect(count(lab, "TagResources")).toBeLessThanOrEqual(20);
  expect(count(lab, "UntagResources")).toBeLessThanOrEqual(10);
  expect(count(lab, "ListTagResources")).toBe(0);
  expect(ids.flatMap((id) => diskopsTags(lab, id))).toEqual([]);
});

test.each([0, 1])("a run killed after the stop: the stack's re-run restores Running, stops nothing again (tag read lag %s s)", async (lagSeconds) => {
  // The emulator's lag (1 simulated s = 10 ms at time scale 0.01) is what the provider assumes (10 ms here).
  lab = startLab({ tagReadLagSeconds: lagSeconds });
  const first = lab.process("first run");
  await first.run(async (ctx) => {
    const part = await joinSession(ctx, request(I.web));
    await part.ensureStopped();
  });
  first.kill();
  expect(lab.emu.cloud.instances.get(I.web)!.Status).toBe("Stopped");
  const rerun = lab.process("re-run");
  const outcome = await rerun.run((ctx) => runInStoppedWindow(ctx, request(I.web), async (w) => w.resumed.length));
  expect(outcome.value).toBe(1); // it found the first run's record
  expect(outcome.statusBefore).toBe("Running");
  expect(outcome.statusAfter).toBe("Running");
  expect(count(lab, "StopInstance")).toBe(1);
  expect(diskopsTags(lab, I.web)).toEqual([]);
});

test("two stacks on one instance at once: one stop, one start, both see Running before", async () => {
  lab = startLab({ tagReadLagSeconds: 1 });
  const a = lab.process("stack A");
  const b = lab.process("stack B");
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const first = a.run((ctx) => runInStoppedWindow(ctx, request(I.web, OWNER), () => gate));
  await until(() => lab.emu.cloud.instances.get(I.web)!.Status === "Stopped", "the first stop");
  const second = b.run((ctx) => runInStoppedWindow(ctx, request(I.web, OTHER), async () => undefined));
  // B joins A's window (its record says Running before), finishes first, and waits for A to close.
  await until(() => Object.values(lab.tags(I.web)).some((v) => v.startsWith("done")), "B done");
  release();
  const [ra, rb] = await Promise.all([first, second]);
  expect([ra.statusBefore, rb.statusBefore]).toEqual(["Running", "Running"]);
  expect([ra.statusAfter, rb.statusAfter]).toEqual(["Running", "Running"]);
  expect(count(lab, "StopInstance")).toBe(1);
  expect(count(lab, "StartInstance")).toBe(1);
  expect(diskopsTags(lab, I.web)).toEqual([]);
});

test("a second replacement of the instance by another stack is refused before it touches anything", async () => {
  lab = startLab();
  const a = lab.process("replacing");
  const b = lab.process("rival");
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const replace = (owner: string) => request(I.web, owner, { intent: { owner, kind: "replace", budgetMs: 60_000, from: "d-demo-web-1-system" } });
  const first = a.run((ctx) => runInStoppedWindow(ctx, replace(OWNER), () => gate));
  await until(() => lab.emu.cloud.instances.get(I.web)!.Status === "Stopped", "the first stop");
  const stopsBefore = count(lab, "StopInstance");
  await expect(b.run((ctx) => runInStoppedWindow(ctx, replace(OTHER), async () => "replaced twice"))).rejects.toThrow(
    /another replacement of the system disk of i-demo-web-1 is in progress .*did not touch the instance/,
  );
  expect(count(lab, "StopInstance")).toBe(stopsBefore);
  release();
  expect((await first).statusAfter).toBe("Running");
  expect(diskopsTags(lab, I.web)).toEqual([]);
});

test("a run that failed and was killed while closing: the re-run does the work again and ends as promised", async () => {
  lab = startLab();
  const first = lab.process("failing run");
  // The first run fails, then dies as it starts the instance (its record says closing, failed).
  let closingSeen = false;
  void first.run((ctx) =>
    runInStoppedWindow(ctx, request(I.web), async () => {
      throw new Error("reset refused");
    }),
  );
  await until(() => (closingSeen = Object.values(lab.tags(I.web)).some((v) => v.startsWith("closing") && v.includes("failed"))), "the failed run closing");
  first.kill();
  expect(closingSeen).toBe(true);
  const rerun = lab.process("re-run");
  let worked = false;
  const outcome = await rerun.run((ctx) =>
    runInStoppedWindow(ctx, request(I.web), async (w) => {
      worked = !w.workDone;
    }),
  );
  expect(worked).toBe(true);
  expect(outcome.statusAfter).toBe("Running");
  await until(() => lab.emu.cloud.instances.get(I.web)!.Status === "Running", "Running");
  expect(diskopsTags(lab, I.web)).toEqual([]);
});

test("a record the previous version left (diskops:op:<id>) is resumed by the same operation and removed", async () => {
  lab = startLab();
  lab.emu.cloud.instances.get(I.web)!.Status = "Stopped";
  const t = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  lab.emu.cloud.instances.get(I.web)!.Tags = [
    { TagKey: "diskops:window", TagValue: `open before=Running since=${t(Date.now() - 60_000)}` },
    { TagKey: "diskops:op:00000000abcd", TagValue: `restore running policy=restore before=Running since=${t(Date.now() - 60_000)} until=${t(Date.now() + 600_000)} reset=1` },
  ];
  const p = lab.process("upgraded re-run");
  const outcome = await p.run((ctx) =>
    runInStoppedWindow(ctx, request(I.web, OWNER, { intent: { owner: OWNER, legacyId: "00000000abcd", kind: "restore", budgetMs: 60_000 } }), async (w) => w.resumed.map((r) => r.key)),
  );
  expect(outcome.value).toEqual(["diskops:op:00000000abcd"]);
  expect(outcome.statusBefore).toBe("Running");
  expect(outcome.statusAfter).toBe("Running");
  expect(diskopsTags(lab, I.web)).toEqual([]);
});

describe("a window that said `ending` (its last call accepted)", () => {
  test("closes without a second handshake wait: the read before `closing` already counts", async () => {
    lab = startLab();
    const p = lab.process("ending");
    const outcome = await p.run((ctx) =>
      runInStoppedWindow(ctx, request(I.web), async (w) => {
        w.lastCallAccepted();
        // The work's own wait, longer than L (10 ms here), as a reset's 20 s is longer than 1 s.
        await until(() => Object.values(lab.tags(I.web)).some((v) => v.startsWith("ending")), "ending written");
        await new Promise((r) => setTimeout(r, 60));
      }),
    );
    expect(outcome.statusAfter).toBe("Running");
    const calls = lab.emu.calls().map((c) => `${c.Action}${c.Action === "TagResources" ? ` ${Object.entries(c.Params).find(([k]) => k.startsWith("Tag.1.Value"))?.[1]?.split(" ")[0]}` : ""}`);
    const closing = calls.indexOf("TagResources closing");
    expect(closing).toBeGreaterThan(calls.indexOf("TagResources ending"));
    // Between `closing` and StartInstance only the start's own look at the instance, no handshake read.
    expect(calls.slice(closing + 1, calls.indexOf("StartInstance"))).toEqual(["DescribeInstances"]);
  });

  test("a newcomer that sees it stops nothing until the close decided: handed the window, or a window of its own", async () => {
    lab = startLab();
    const a = lab.process("stack A");
    const b = lab.process("stack B");
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = a.run((ctx) =>
      runInStoppedWindow(ctx, request(I.web, OWNER), async (w) => {
        w.lastCallAccepted();
        await gate;
      }),
    );
    await until(() => Object.values(lab.tags(I.web)).some((v) => v.startsWith("ending")), "A ending");
    const second = b.run((ctx) => runInStoppedWindow(ctx, request(I.web, OTHER), async () => undefined));
    await new Promise((r) => setTimeout(r, 50));
    expect(count(lab, "StopInstance")).toBe(1); // B has not stopped anything: it waits for A's close
    release();
    const [ra, rb] = await Promise.all([first, second]);
    expect([ra.statusAfter, rb.statusBefore, rb.statusAfter]).toEqual(["Running", "Running", "Running"]);
    // A's close either saw B and handed it the window (one stop, one start) or closed first (two of each).
    expect(count(lab, "StopInstance")).toBe(count(lab, "StartInstance"));
    expect(count(lab, "StartInstance")).toBeLessThanOrEqual(2);
    expect(diskopsTags(lab, I.web)).toEqual([]);
  });
});
