// check (validation + preflight + plan) called directly against the emulator's demo fleet.
import { checkDiskRestore } from "../../provider/disk-restore/provider";
import { checkSystemDiskReplacement } from "../../provider/system-disk-replacement/provider";
import { recordedWarnings } from "../../provider/common/preview-warnings";
import { UNKNOWN } from "../../provider/common/types";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { PREFLIGHT_CASES, expectCase } from "./cases";
import { PreviewEmulator, callsSince, startPreviewEmulator } from "./support";

const { instances: I, disks: D, snapshots: S, images: M } = DEMO_IDS;
let emu: PreviewEmulator;

beforeAll(async () => {
  emu = await startPreviewEmulator();
});
afterAll(async () => {
  await emu?.close();
});
afterEach(async () => {
  await emu.clearFaults();
});

const restore = (disks: [string, string][], extra: Record<string, unknown> = {}) =>
  checkDiskRestore({}, { disks: disks.map(([diskId, snapshotId]) => ({ diskId, snapshotId })), ...extra });
const replaceDisk = (extra: Record<string, unknown>) => checkSystemDiskReplacement({}, { instanceId: I.web, imageId: M.ubuntu2404, ...extra });

/** Runs `fn` with DISKOPS_PERMISSION_PROOF_TTL_MS set ("0": every check proves its action again). */
async function withProofTtl<T>(ttl: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.DISKOPS_PERMISSION_PROOF_TTL_MS;
  process.env.DISKOPS_PERMISSION_PROOF_TTL_MS = ttl;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.DISKOPS_PERMISSION_PROOF_TTL_MS;
    else process.env.DISKOPS_PERMISSION_PROOF_TTL_MS = saved;
  }
}

const checkOf = (kind: string) => (kind === "DiskRestore" ? checkDiskRestore : checkSystemDiskReplacement);

describe("check, called directly", () => {
  test.each(PREFLIGHT_CASES.map((c) => [`${c.kind}: ${c.name}`, c]))("%s", async (_name, c) => {
    expectCase(c, await checkOf(c.kind)({}, c.news));
  });
});

describe("preflight details", () => {
  test("the permission is proven with one DryRun per region and action, then reused; never one per disk", async () => {
    const two: [string, string][] = [[D.webData1, S.webData1], [D.webData2, S.webData2]];
    const resets = async (since: number) => (await callsSince(emu, since)).filter((c) => c.Action.startsWith("Reset")).map((c) => [c.Action, c.Params?.DryRun, c.Params?.DiskId]);
    await withProofTtl("0", async () => {
      // Nothing remembered: each check proves its action again, with one DryRun for the first disk.
      const before = (await emu.calls()).length;
      expect((await restore(two, { strategy: "batch" })).failures).toEqual([]);
      const middle = (await emu.calls()).length;
      expect((await restore(two)).failures).toEqual([]);
      expect((await resets(before)).slice(0, 1)).toEqual([["ResetDisks", "true", undefined]]);
      expect(await resets(middle)).toEqual([["ResetDisk", "true", D.webData1]]);
    });
    // Proven a moment ago: further checks in this process send no DryRun, for either action.
    const later = (await emu.calls()).length;
    expect((await restore(two, { strategy: "batch" })).failures).toEqual([]);
    expect((await restore(two)).failures).toEqual([]);
    expect(await resets(later)).toEqual([]);
  });

  test("concurrent checks share one DryRun", async () => {
    await withProofTtl("1", async () => {
      await new Promise((r) => setTimeout(r, 5)); // the earlier proofs are older than the 1 ms TTL now
      const before = (await emu.calls()).length;
      const results = await Promise.all([restore([[D.webData1, S.webData1]]), restore([[D.webData2, S.webData2]])]);
      expect(results.map((r) => r.failures)).toEqual([[], []]);
      expect((await callsSince(emu, before)).filter((c) => c.Action === "ResetDisk")).toHaveLength(1);
    });
  });

  test("no region configured anywhere: preflight finds the disk's region with DescribeRegions", async () => {
    const saved = process.env.ALIBABA_CLOUD_REGION_ID;
    delete process.env.ALIBABA_CLOUD_REGION_ID;
    try {
      const before = (await emu.calls()).length;
      const r = await restore([[D.webData1, S.webData1]]);
      expect(r.failures).toEqual([]);
      expect((r.inputs.plan as string[])[1]).toBe(`stop ${I.web} (Running now; powerPolicy restore: it will be started again)`);
      expect((await callsSince(emu, before)).map((c) => c.Action)).toContain("DescribeRegions");
    } finally {
      process.env.ALIBABA_CLOUD_REGION_ID = saved;
    }
  });

  test("preflight: false and unknown values make no ECS call", async () => {
    const before = (await emu.calls()).length;
    expect((await restore([[D.webData1, "s-does-not-exist"]], { preflight: false })).failures).toEqual([]);
    expect((await restore([[D.webData1, UNKNOWN]])).failures).toEqual([]);
    expect((await replaceDisk({ imageId: UNKNOWN })).failures).toEqual([]);
    expect(await callsSince(emu, before)).toEqual([]);
  });

  test("throttling during preflight is a warning, never a failure", async () => {
    await emu.fault({ Action: "DescribeDisks", Code: "Throttling.User", HttpStatus: 400, Count: 1000 });
    const r = await restore([[D.webData1, S.webData1]]);
    expect(r.failures).toEqual([]);
    const plan = r.inputs.plan as string[];
    expect(plan.at(-1)).toBe("warning: DiskRestore: preflight could not finish (Throttling.User (HTTP 400), after retries); the apply checks again before stopping anything");
    expect(plan.slice(0, -1)).toEqual([
      "run: a new DiskRestore",
      "stop the instance the disks are attached to if it is running (status known at apply; powerPolicy restore: it will be started again)",
      `reset ${D.webData1} -> snapshot ${S.webData1} (ResetDisk)`,
      "start the instance the disks are attached to again if it was running before",
    ]);
    expect(recordedWarnings().at(-1)).toBe(plan.at(-1)!.replace(/^warning: /, ""));
  });

  test("a 5xx from the DryRun is a warning too", async () => {
    await emu.fault({ Action: "ResetDisk", Code: "InternalError", HttpStatus: 500, Count: 1000 });
    const r = await withProofTtl("0", () => restore([[D.webData1, S.webData1]]));
    expect(r.failures).toEqual([]);
    expect((r.inputs.plan as string[]).at(-1)).toMatch(/^warning: DiskRestore: preflight could not finish \(InternalError \(HTTP 500\)/);
  });

  test("network trouble is a warning", async () => {
    await emu.fault({ Action: "DescribeInstances", Mode: "reset", Count: 1000 });
    const r = await replaceDisk({});
    expect(r.failures).toEqual([]);
    expect((r.inputs.plan as string[]).at(-1)).toMatch(/^warning: SystemDiskReplacement: preflight could not finish/);
  });

  test("a refused password is never echoed: not in the reason, not in the returned inputs", async () => {
    const r = await replaceDisk({ password: "Sh0rt!" });
    expect(r.failures).toHaveLength(1);
    expect(JSON.stringify(r)).not.toContain("Sh0rt!");
  });
});

test("check made no mutating ECS call (only Describe* and DryRun)", async () => {
  const calls = await emu.calls();
  expect(calls.length).toBeGreaterThan(10);
  expect(await emu.mutatingCalls()).toEqual([]);
});
