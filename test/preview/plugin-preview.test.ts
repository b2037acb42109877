// Preview through the real dynamic-provider plugin process: Check, Diff and Read over gRPC with
// the real shim (captured from a real registration), against the emulator's demo fleet.
// Needs `npm run build` first (the plugin loads the built package, as in a real deployment).
import { UNKNOWN, secret } from "../support/plugin-harness";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { Kind, PREFLIGHT_CASES, VALIDATION_CASES, expectCase } from "./cases";
import { URN, callsSince, recordedReplacement, recordedRestore, usePluginPreview } from "./support";
import { waitFor } from "../support/wait-for";

const { instances: I, disks: D, snapshots: S, images: M } = DEMO_IDS;

const { p, withShim, check, diff, read } = usePluginPreview();

describe("Check: every validation rule and every preflight catch, exact messages", () => {
  test.each([...VALIDATION_CASES, ...PREFLIGHT_CASES].map((c) => [`${c.kind}: ${c.name}`, c]))("%s", async (_name, c) => {
    const news = Object.fromEntries(Object.entries(c.news).filter(([, v]) => v !== undefined));
    expectCase(c, await check(c.kind, news));
  });

  test("the checked inputs are the program's plus the plan (and the shim)", async () => {
    const news = { disks: [{ diskId: D.webData1, snapshotId: S.webData1 }], timeouts: { stop: "5m" } };
    const r = await check("DiskRestore", news);
    expect(Object.keys(r.inputs).sort()).toEqual(["__provider", "disks", "plan", "timeouts"]);
    expect(r.inputs).toMatchObject(news);
  });

  test("a whole preview with unknowns: no failure, no ECS call, a plan that says what is not known yet", async () => {
    const before = (await p.emu.calls()).length;
    const r = await check("SystemDiskReplacement", { instanceId: I.web, imageId: UNKNOWN, password: UNKNOWN, systemDiskSize: UNKNOWN });
    expect(r.failures).toEqual([]);
    expect(r.inputs.plan).toEqual([
      "run: a new SystemDiskReplacement",
      `stop ${I.web} if it is running (status known at apply; powerPolicy restore: it will be started again)`,
      `replace the system disk of ${I.web} with a new disk from image (known at apply), (known at apply) GiB; login: a new password (secret) (ReplaceSystemDisk)`,
      `start ${I.web} again if it was running before`,
      "preflight: skipped, some inputs are known only at apply; the apply checks before stopping anything",
    ]);
    const unknownDisks = await check("DiskRestore", { disks: UNKNOWN });
    expect(unknownDisks.failures).toEqual([]);
    expect(await callsSince(p.emu, before)).toEqual([]);
  });

  test("a secret password that fails the policy is not echoed back", async () => {
    const r = await p.plugin.check(URN.SystemDiskReplacement, {}, withShim("SystemDiskReplacement", { instanceId: I.web, imageId: M.ubuntu2404, password: secret("sh0rt") }));
    expect(r.failures.map((f) => f.property)).toEqual(["password"]);
    expect(JSON.stringify(r)).not.toContain("sh0rt");
  });

  test("transient preflight trouble is a warning: plan line + plugin stderr, never a failure", async () => {
    await p.emu.fault({ Action: "DescribeSnapshots", Code: "ServiceUnavailable", HttpStatus: 503, Count: 1000 });
    const r = await check("DiskRestore", { disks: [{ diskId: D.webData1, snapshotId: S.webData1 }] });
    expect(r.failures).toEqual([]);
    const warning = "DiskRestore: preflight could not finish (ServiceUnavailable (HTTP 503), after retries); the apply checks again before stopping anything";
    expect((r.inputs.plan as string[]).at(-1)).toBe(`warning: ${warning}`);
    await waitFor(() => p.plugin.output(), (out) => out.includes(`warning: ${warning}`), 5000, "the warning on the plugin's stderr");
  });
});


// State as the apply records it: every input echoed, outputs-only keys, the plan, no defaults.
const restoreState = recordedRestore({
  requestIds: ["R1", "R2"],
  results: [{ diskId: D.webData1, snapshotId: S.webData1, status: "Success" }],
  plan: ["stop ...", "reset ...", "start ..."],
});
const restoreProgram = { disks: restoreState.disks };
const replaceState = recordedReplacement({ keyPairName: "kp-demo" });
const replaceProgram = { instanceId: I.batch, imageId: M.ubuntu2204, keyPairName: "kp-demo" };

const NONE = { changes: "none", replaces: [], deleteBeforeReplace: false };
const UPDATE = { changes: "some", replaces: [], deleteBeforeReplace: false };
const REPLACE = (...keys: string[]) => ({ changes: "some", replaces: keys, deleteBeforeReplace: false });

describe("Diff: the verdict for each input", () => {
  test.each<[string, Record<string, unknown>, object]>([
    ["unchanged", {}, NONE],
    ["disk order", { disks: [...restoreState.disks].reverse() }, NONE],
    ["defaults written out", { powerPolicy: "restore", forceStop: false, strategy: "per-disk", preflight: true, timeouts: { stop: "5m" } }, NONE],
    ["instanceId and regionId as recorded", { instanceId: I.web, regionId: "cn-hangzhou" }, NONE],
    ["new snapshot of a disk", { disks: [{ diskId: D.webData1, snapshotId: "s-newer" }, restoreState.disks[1]] }, UPDATE],
    ["triggers", { triggers: { at: "2025-02-01" } }, UPDATE],
    ["powerPolicy", { powerPolicy: "start" }, UPDATE],
    ["forceStop", { forceStop: true }, UPDATE],
    ["stoppedMode", { stoppedMode: "StopCharging" }, UPDATE],
    ["strategy", { strategy: "batch" }, UPDATE],
    ["preflight", { preflight: false }, UPDATE],
    ["timeouts", { timeouts: { restore: "1h" } }, UPDATE],
    ["disk set", { disks: [restoreState.disks[0]] }, REPLACE("disks")],
    ["instanceId", { instanceId: I.batch }, REPLACE("instanceId")],
    ["regionId", { regionId: "cn-beijing" }, REPLACE("regionId")],
    ["unknown snapshot", { disks: [{ diskId: D.webData1, snapshotId: UNKNOWN }, restoreState.disks[1]] }, UPDATE],
    ["unknown disk list", { disks: UNKNOWN }, REPLACE("disks")],
  ])("DiskRestore: %s", async (_name, change, verdict) => {
    expect(await diff("DiskRestore", restoreState, { ...restoreProgram, ...change, plan: ["a new plan"] })).toEqual(verdict);
  });

  test.each<[string, Record<string, unknown>, object]>([
    ["unchanged", {}, NONE],
    ["defaults written out", { encrypted: false, passwordInherit: false, powerPolicy: "restore", preflight: true, timeouts: { replace: 1800 } }, NONE],
    ["imageId", { imageId: M.ubuntu2404 }, UPDATE],
    ["systemDiskSize", { systemDiskSize: 60 }, UPDATE],
    ["password", { password: "EcsV587!", keyPairName: undefined }, UPDATE],
    ["passwordInherit", { passwordInherit: true, keyPairName: undefined }, UPDATE],
    ["keyPairName", { keyPairName: "kp-other" }, UPDATE],
    ["encrypted", { encrypted: true }, UPDATE],
    ["kmsKeyId", { encrypted: true, kmsKeyId: "kms-demo-key" }, UPDATE],
    ["securityEnhancementStrategy", { securityEnhancementStrategy: "Active" }, UPDATE],
    ["useAdditionalService", { useAdditionalService: false }, UPDATE],
    ["triggers", { triggers: ["v2"] }, UPDATE],
    ["powerPolicy", { powerPolicy: "leave-stopped" }, UPDATE],
    ["forceStop", { forceStop: true }, UPDATE],
    ["stoppedMode", { stoppedMode: "KeepCharging" }, UPDATE],
    ["preflight", { preflight: false }, UPDATE],
    ["timeouts", { timeouts: { stop: 60 } }, UPDATE],
    ["instanceId", { instanceId: I.web }, REPLACE("instanceId")],
    ["regionId", { regionId: "cn-shanghai" }, REPLACE("regionId")],
    ["unknown image", { imageId: UNKNOWN }, UPDATE],
  ])("SystemDiskReplacement: %s", async (_name, change, verdict) => {
    const news = Object.fromEntries(Object.entries({ ...replaceProgram, ...change }).filter(([, v]) => v !== undefined));
    expect(await diff("SystemDiskReplacement", replaceState, { ...news, plan: ["a new plan"] })).toEqual(verdict);
  });

  test("state written by an older version (no plan, no newer optional keys) is no change", async () => {
    const { plan: _plan, ...old } = restoreState;
    expect(await diff("DiskRestore", old, { ...restoreProgram, powerPolicy: "restore", strategy: "per-disk" })).toEqual(NONE);
  });

  test("an unchanged program checked again against the state: no diff, no ECS call", async () => {
    const before = (await p.emu.calls()).length;
    const checked = await check("DiskRestore", restoreProgram, { ...restoreProgram, plan: restoreState.plan });
    expect(checked.inputs.plan).toEqual(["no change: nothing to do in ECS"]);
    expect(await diff("DiskRestore", restoreState, checked.inputs)).toEqual(NONE);
    expect(await callsSince(p.emu, before)).toEqual([]);
  });
});

describe("Read: refresh reports reality", () => {
  test("unchanged: the same properties and no new inputs, so refresh shows no diff", async () => {
    const r = await read("DiskRestore", restoreState);
    expect(r).toEqual({ id: "id-1", properties: withShim("DiskRestore", restoreState) });
    const s = await read("SystemDiskReplacement", replaceState);
    expect(s).toEqual({ id: "id-1", properties: withShim("SystemDiskReplacement", replaceState) });
    // ... and the refreshed state diffs clean against the unchanged program.
    expect(await diff("SystemDiskReplacement", s.properties, replaceProgram)).toEqual(NONE);
  });

  test("a disk or instance that no longer exists removes the resource from the stack", async () => {
    expect((await read("DiskRestore", { ...restoreState, disks: [{ diskId: "d-deleted", snapshotId: S.webData1 }] })).id).toBe("");
    expect((await read("DiskRestore", { ...restoreState, instanceId: "i-deleted" })).id).toBe("");
    expect((await read("SystemDiskReplacement", { ...replaceState, instanceId: "i-deleted" })).id).toBe("");
  });

  test("image changed outside Pulumi: real image in outputs and inputs; the next up re-runs and puts it back", async () => {
    const recorded = { ...replaceState, imageId: M.ubuntu2404 };
    const program = { ...replaceProgram, imageId: M.ubuntu2404 };
    const r = await read("SystemDiskReplacement", recorded);
    expect(r.properties.imageId).toBe(M.ubuntu2204);
    expect(r.inputs).toEqual(withShim("SystemDiskReplacement", { ...program, regionId: "cn-hangzhou", imageId: M.ubuntu2204 }));
    expect(await diff("SystemDiskReplacement", r.properties, program)).toEqual(UPDATE);
    const rechecked = await check("SystemDiskReplacement", program, r.inputs!);
    expect((rechecked.inputs.plan as string[])[0]).toBe("run again: imageId changed");
  });

  test("system disk swapped outside Pulumi (same image): drift recorded, the next up re-runs", async () => {
    const recorded = { ...replaceState, systemDiskId: "d-created-by-pulumi" };
    const r = await read("SystemDiskReplacement", recorded);
    const drift = [`system disk is ${D.batchSystem} now, not d-created-by-pulumi created by this resource (changed outside Pulumi)`];
    expect(r.properties).toMatchObject({ systemDiskId: D.batchSystem, drift });
    expect(r.inputs).toMatchObject({ drift });
    expect(await diff("SystemDiskReplacement", r.properties, replaceProgram)).toEqual(UPDATE);
    const rechecked = await check("SystemDiskReplacement", replaceProgram, r.inputs!);
    expect((rechecked.inputs.plan as string[])[0]).toBe("run again: the system disk was changed outside Pulumi (drift)");
    // A second refresh finds nothing new: identical properties.
    expect((await read("SystemDiskReplacement", r.properties)).properties).toEqual(r.properties);
  });
});

test("Check, Diff and Read made no mutating ECS call (call log: Describe* and DryRun only)", async () => {
  const calls = await p.emu.calls();
  expect(calls.some((c) => c.Action === "ResetDisk" && c.Params?.DryRun === "true")).toBe(true);
  expect(calls.some((c) => c.Action === "ResetDisks" && c.Params?.DryRun === "true")).toBe(true);
  expect(await p.emu.mutatingCalls()).toEqual([]);
});
