// Edge cases of the preview path, through the real dynamic-provider plugin over gRPC (shim
// captured from a real registration) against the emulator: unknowns in every position, secrets
// as they may arrive, odd input types, diff verdicts, preflight corner cases, refresh.
import { UNKNOWN, secret } from "../support/plugin-harness";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { Kind, URN, callsSince, isMutating, previewSeed, recordedReplacement, recordedRestore, usePluginPreview } from "./support";

const { instances: I, disks: D, snapshots: S, images: M } = DEMO_IDS;
const NONE = { changes: "none", replaces: [], deleteBeforeReplace: false };
const UPDATE = { changes: "some", replaces: [], deleteBeforeReplace: false };
const REPLACE = (...keys: string[]) => ({ changes: "some", replaces: keys, deleteBeforeReplace: false });

// A second region and a Pending instance next to the demo fleet.
const BEIJING = { instance: "i-edge-bj-1", disk: "d-edge-bj-1-data", snapshot: "s-edge-bj-1-data-1" };
const PENDING = { instance: "i-edge-pending-1", disk: "d-edge-pending-1-data", snapshot: "s-edge-pending-1-data-1" };
const FREE = { disk: "d-edge-free-1", snapshot: "s-edge-free-1-1" };
function edgeSeed() {
  const seed: any = previewSeed();
  const add = (ids: typeof BEIJING, region: string, status: string) => {
    seed.Instances.push({ InstanceId: ids.instance, RegionId: region, Status: status, ImageId: M.ubuntu2204, OSType: "linux" });
    seed.Disks.push({ DiskId: ids.disk, RegionId: region, InstanceId: ids.instance, Type: "data", Category: "cloud_essd", Size: 50 });
    seed.Snapshots.push({ SnapshotId: ids.snapshot, RegionId: region, SourceDiskId: ids.disk, SourceDiskType: "Data", SourceDiskSize: "50", Status: "accomplished", Progress: "100%", CreationTime: "2025-01-01T02:00:00Z" });
  };
  add(BEIJING, "cn-beijing", "Running");
  add(PENDING, "cn-hangzhou", "Pending");
  seed.Disks.push({ DiskId: FREE.disk, RegionId: "cn-hangzhou", Type: "data", Category: "cloud_essd", Size: 20, Status: "Available" });
  seed.Snapshots.push({ SnapshotId: FREE.snapshot, RegionId: "cn-hangzhou", SourceDiskId: FREE.disk, SourceDiskType: "Data", SourceDiskSize: "20", Status: "accomplished", Progress: "100%", CreationTime: "2025-01-01T02:00:00Z" });
  return seed;
}

// The DryRun tests below judge the answer of a DryRun: proofs are not reused, so every check sends one.
const { p, withShim, check, diff, read } = usePluginPreview({ seed: edgeSeed(), env: { DISKOPS_PERMISSION_PROOF_TTL_MS: "0" } });

const pair = (diskId: unknown, snapshotId: unknown) => ({ diskId, snapshotId });
const restoreState = recordedRestore();
const restoreProgram = { disks: restoreState.disks };
const PASSWORD = "EcsV587!edge";
const replaceState = recordedReplacement({ password: PASSWORD });
const replaceProgram = { instanceId: I.batch, imageId: M.ubuntu2204, password: PASSWORD };

describe("unknowns at preview: never judged, never sent to ECS, always a change", () => {
  test.each<[string, Kind, Record<string, unknown>, object]>([
    ["whole disks", "DiskRestore", { disks: UNKNOWN }, REPLACE("disks")],
    ["one diskId", "DiskRestore", { disks: [pair(UNKNOWN, S.webData1), restoreState.disks[1]] }, REPLACE("disks")],
    ["one disk entry", "DiskRestore", { disks: [UNKNOWN, restoreState.disks[1]] }, REPLACE("disks")],
    ["both ids of two entries", "DiskRestore", { disks: [pair(UNKNOWN, UNKNOWN), pair(UNKNOWN, UNKNOWN)] }, REPLACE("disks")],
    ["instanceId", "DiskRestore", { ...restoreProgram, instanceId: UNKNOWN }, REPLACE("instanceId")],
    ["regionId", "DiskRestore", { ...restoreProgram, regionId: UNKNOWN }, REPLACE("regionId")],
    ["whole timeouts", "DiskRestore", { ...restoreProgram, timeouts: UNKNOWN }, UPDATE],
    ["one timeout", "DiskRestore", { ...restoreProgram, timeouts: { stop: UNKNOWN, restore: "1h" } }, UPDATE],
    ["nested trigger", "DiskRestore", { ...restoreProgram, triggers: { at: UNKNOWN, list: [1, UNKNOWN] } }, UPDATE],
    ["whole triggers", "DiskRestore", { ...restoreProgram, triggers: UNKNOWN }, UPDATE],
    ["every setting", "DiskRestore", { ...restoreProgram, powerPolicy: UNKNOWN, forceStop: UNKNOWN, stoppedMode: UNKNOWN, strategy: UNKNOWN, preflight: UNKNOWN }, UPDATE],
    ["password", "SystemDiskReplacement", { ...replaceProgram, password: UNKNOWN }, UPDATE],
    ["password with passwordInherit", "SystemDiskReplacement", { ...replaceProgram, password: UNKNOWN, passwordInherit: true }, UPDATE],
    ["keyPairName with password", "SystemDiskReplacement", { ...replaceProgram, keyPairName: UNKNOWN }, UPDATE],
    ["keyPairName with passwordInherit", "SystemDiskReplacement", { instanceId: I.batch, imageId: M.ubuntu2204, keyPairName: UNKNOWN, passwordInherit: true }, UPDATE],
    ["passwordInherit with password", "SystemDiskReplacement", { ...replaceProgram, passwordInherit: UNKNOWN }, UPDATE],
    ["secret-wrapped unknown password", "SystemDiskReplacement", { ...replaceProgram, password: secret(UNKNOWN) }, UPDATE],
    ["kmsKeyId with encrypted unknown", "SystemDiskReplacement", { ...replaceProgram, encrypted: UNKNOWN, kmsKeyId: "kms-demo-key" }, UPDATE],
    ["encrypted with kmsKeyId unknown", "SystemDiskReplacement", { ...replaceProgram, encrypted: true, kmsKeyId: UNKNOWN }, UPDATE],
    ["instanceId", "SystemDiskReplacement", { ...replaceProgram, instanceId: UNKNOWN }, REPLACE("instanceId")],
    ["every input", "SystemDiskReplacement", Object.fromEntries(["instanceId", "imageId", "systemDiskSize", "password", "passwordInherit", "keyPairName", "encrypted", "kmsKeyId", "securityEnhancementStrategy", "useAdditionalService", "regionId", "powerPolicy", "forceStop", "stoppedMode", "preflight", "timeouts", "triggers"].map((k) => [k, UNKNOWN])), REPLACE("instanceId", "regionId")],
  ])("%s (%s)", async (_name, kind, news, verdict) => {
    const before = (await p.emu.calls()).length;
    const checked = await check(kind, news);
    expect(checked.failures).toEqual([]);
    expect(Array.isArray(checked.inputs.plan)).toBe(true);
    // Preflight runs when what it needs is known (timeouts, triggers are not needed); nothing mutates.
    expect((await callsSince(p.emu, before)).filter(isMutating)).toEqual([]);
    const state = kind === "DiskRestore" ? restoreState : replaceState;
    expect(await diff(kind, state, { ...news, plan: checked.inputs.plan })).toEqual(verdict);
  });
});

describe("secrets as they may arrive (wrapped or plain)", () => {
  test("a valid secret-wrapped password validates, is kept a secret in the checked inputs, and diffs equal to the plain one", async () => {
    const r = await check("SystemDiskReplacement", { ...replaceProgram, password: secret(PASSWORD) });
    expect(r.failures).toEqual([]);
    expect(r.inputs.password).toEqual(secret(PASSWORD));
    expect(await diff("SystemDiskReplacement", replaceState, { ...replaceProgram, password: secret(PASSWORD) })).toEqual(NONE);
    expect(await diff("SystemDiskReplacement", { ...replaceState, password: secret(PASSWORD) }, replaceProgram)).toEqual(NONE);
    expect(await diff("SystemDiskReplacement", replaceState, { ...replaceProgram, password: secret("Other-Pa55word") })).toEqual(UPDATE);
  });

  test("a bad secret-wrapped password is judged by the policy, and its value appears nowhere", async () => {
    const r = await check("SystemDiskReplacement", { instanceId: I.web, imageId: M.ubuntu2404, password: secret("sh0rtpw") });
    expect(r.failures).toEqual([{ property: "password", reason: expect.stringMatching(/^has 7 characters: must be 8-30 characters/) }]);
    expect(JSON.stringify(r)).not.toContain("sh0rtpw");
    const win = await check("SystemDiskReplacement", { instanceId: I.windows, imageId: M.windows2022, password: secret("/Slash-Pa55word") });
    expect(win.failures.map((f) => f.property)).toEqual(["password"]);
    expect(win.failures[0].reason).toContain("InvalidPassword.Malformed");
    expect(JSON.stringify(win)).not.toContain("Slash-Pa55word");
    expect(p.plugin.output()).not.toContain("sh0rtpw");
    expect(p.plugin.output()).not.toContain("Slash-Pa55word");
  });

  test("other secret-wrapped inputs (ids, disks) are validated and preflighted by their values", async () => {
    const r = await check("DiskRestore", { disks: secret([pair(D.webData1, S.webData1)]), instanceId: secret(I.web) });
    expect(r.failures).toEqual([]);
    expect(r.inputs.plan).toEqual(secret(expect.arrayContaining([`reset ${D.webData1} -> snapshot ${S.webData1} (ResetDisk)`])));
    expect(r.inputs.disks).toEqual(secret([pair(D.webData1, S.webData1)]));
    const bad = await check("DiskRestore", { disks: [pair(secret(D.webData1), secret("s-does-not-exist"))] });
    expect(bad.failures.map((f) => f.property)).toEqual(["disks[0].snapshotId"]);
    // Reasons never quote a secret value; a plan that would name one is a secret itself.
    expect(JSON.stringify(bad.failures)).not.toContain("s-does-not-exist");
    const kp = await check("SystemDiskReplacement", { instanceId: I.web, imageId: M.ubuntu2404, keyPairName: secret("kp-demo") });
    expect(kp.failures).toEqual([]);
    expect(kp.inputs.keyPairName).toEqual(secret("kp-demo"));
    expect(kp.inputs.plan).toEqual(secret(expect.arrayContaining([expect.stringContaining("login: key pair kp-demo")])));
  });
});

describe("validation: odd types and shapes are refused with the property and what is allowed", () => {
  test.each<[string, Kind, Record<string, unknown>, string, RegExp]>([
    ["size as a string", "SystemDiskReplacement", { systemDiskSize: "60" }, "systemDiskSize", /^must be a whole number of GiB from 20 to 500, got the string "60"/],
    ["size fractional", "SystemDiskReplacement", { systemDiskSize: 60.5 }, "systemDiskSize", /^must be a whole number of GiB from 20 to 500, got number 60.5/],
    ["boolean as a string", "SystemDiskReplacement", { encrypted: "true" }, "encrypted", /^must be true or false, got the string "true"/],
    ["empty disk id", "DiskRestore", { disks: [pair("", S.webData1)] }, "disks[0].diskId", /is empty: expected a disk id such as d-bp199lyny9b3\*\*\*\*/],
    ["empty regionId", "DiskRestore", { disks: [pair(D.webData1, S.webData1)], regionId: "" }, "regionId", /is empty: expected a region id such as cn-hangzhou/],
    ["id with spaces", "DiskRestore", { disks: [pair(` ${D.webData1} `, S.webData1)] }, "disks[0].diskId", /has leading or trailing spaces/],
    ["empty keyPairName", "SystemDiskReplacement", { keyPairName: "" }, "keyPairName", /is empty: expected a key pair name such as my-keypair/],
    ["empty password", "SystemDiskReplacement", { password: "" }, "password", /^has 0 characters: must be 8-30 characters/],
    ["disks as one object", "DiskRestore", { disks: pair(D.webData1, S.webData1) }, "disks", /^must be a list of 1 to 10 \{ diskId, snapshotId \} pairs, got an object/],
    ["disk id as a number", "DiskRestore", { disks: [pair(42, S.webData1)] }, "disks[0].diskId", /^must be a disk id \(a string such as d-bp199lyny9b3\*\*\*\*\), got number 42/],
    ["timeouts as a number", "DiskRestore", { disks: [pair(D.webData1, S.webData1)], timeouts: 60 }, "timeouts", /^must be an object with any of stop, restore, start, snapshot, got number 60/],
    ["duplicate disk differing in case", "DiskRestore", { disks: [pair(D.webData1, S.webData1), pair(D.webData1.toUpperCase().replace(/^D-/, "d-"), S.webData1Later)] }, "disks[1].diskId", /is already listed as disks\[0\]: each disk may appear once/],
    ["misspelt input", "SystemDiskReplacement", { sytemDiskSize: 60 }, "sytemDiskSize", /^unknown input: allowed are instanceId, regionId, imageId, systemDiskSize, /],
    ["misspelt input", "DiskRestore", { disks: [pair(D.webData1, S.webData1)], powerpolicy: "start" }, "powerpolicy", /^unknown input: allowed are disks, instanceId, /],
  ])("%s (%s)", async (_name, kind, extra, property, reason) => {
    const base = kind === "SystemDiskReplacement" ? { instanceId: I.web, imageId: M.ubuntu2404 } : {};
    const before = (await p.emu.calls()).length;
    const r = await check(kind, { ...base, ...extra });
    expect(r.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    expect(await callsSince(p.emu, before)).toEqual([]);
  });
});

describe("diff verdicts", () => {
  test.each<[string, Record<string, unknown>, object]>([
    ["disks reordered", { disks: [...restoreState.disks].reverse() }, NONE],
    ["snapshot changed on one of two disks", { disks: [pair(D.webData1, S.webData1Later), restoreState.disks[1]] }, UPDATE],
    ["disk added", { disks: [...restoreState.disks, pair(D.webSystem, S.webSystem)] }, REPLACE("disks")],
    ["instanceId given, equal to the recorded one", { instanceId: I.web }, NONE],
    ["triggers undefined -> {}", { triggers: {} }, NONE],
    ["triggers undefined -> null", { triggers: null }, NONE],
    ["triggers undefined -> {a:1}", { triggers: { a: 1 } }, UPDATE],
  ])("DiskRestore: %s", async (_name, change, verdict) => {
    expect(await diff("DiskRestore", restoreState, { ...restoreProgram, ...change })).toEqual(verdict);
  });

  test("triggers {a:1} -> {} is the same as removing them: settings only, the rollback does not run again", async () => {
    const olds = { ...restoreProgram, triggers: { a: 1 } };
    for (const triggers of [{}, null, undefined]) {
      const news = triggers === undefined ? restoreProgram : { ...restoreProgram, triggers };
      const checked = await check("DiskRestore", news, olds);
      expect(checked.inputs.plan).toEqual(["record new settings (triggers): no ECS call"]);
      expect(await diff("DiskRestore", { ...restoreState, triggers: { a: 1 } }, checked.inputs)).toEqual(UPDATE);
    }
  });

  test("olds with an empty triggers object and news without triggers: no change", async () => {
    expect(await diff("DiskRestore", { ...restoreState, triggers: {} }, restoreProgram)).toEqual(NONE);
  });
});

describe("preflight corner cases", () => {
  test("a disk that exists in another region than the configured one", async () => {
    const r = await check("DiskRestore", { disks: [pair(BEIJING.disk, BEIJING.snapshot)] });
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0].property).toBe("disks[0].diskId");
    expect(r.failures[0].reason).toMatch(new RegExp(`^disk ${BEIJING.disk} does not exist in region cn-hangzhou.*\\(InvalidDiskId\\.NotFound\\)\\. Remedy: .*region`));
    const ok = await check("DiskRestore", { disks: [pair(BEIJING.disk, BEIJING.snapshot)], regionId: "cn-beijing" });
    expect(ok.failures).toEqual([]);
    expect(ok.inputs.plan).toContain(`stop ${BEIJING.instance} (Running now; powerPolicy restore: it will be started again)`);
  });

  test("instanceId given but the disk is not attached to any instance: refused, not stopped for nothing", async () => {
    const alone = await check("DiskRestore", { disks: [pair(FREE.disk, FREE.snapshot)] });
    expect(alone.failures).toEqual([]);
    const r = await check("DiskRestore", { disks: [pair(FREE.disk, FREE.snapshot)], instanceId: I.web });
    expect(r.failures).toEqual([{ property: "disks[0].diskId", reason: `disk ${FREE.disk} is not attached to any instance (Available), not to instanceId ${I.web}: leave instanceId out for unattached disks, or fix the disk id` }]);
  });

  test("an instance in Pending: no failure; fail-if-running refuses it", async () => {
    const r = await check("DiskRestore", { disks: [pair(PENDING.disk, PENDING.snapshot)] });
    expect(r.failures).toEqual([]);
    expect((r.inputs.plan as string[]).join("\n")).toContain(`stop ${PENDING.instance} (Pending now`);
    const strict = await check("DiskRestore", { disks: [pair(PENDING.disk, PENDING.snapshot)], powerPolicy: "fail-if-running" });
    expect(strict.failures.map((f) => f.property)).toEqual(["powerPolicy"]);
  });

  test("DryRun answering DryRunOperation (ECS's 'would succeed') is not a failure", async () => {
    await p.emu.fault({ Action: "ResetDisk", Code: "DryRunOperation", HttpStatus: 400, Count: 1, Message: "Request validation has been passed with DryRun flag set." });
    const r = await check("DiskRestore", { disks: [pair(D.batchSystem, S.batchSystem)] });
    expect(r.failures).toEqual([]);
  });

  test("DryRun answering an unexpected code is a failure with that code and a remedy", async () => {
    await p.emu.fault({ Action: "ResetDisk", Code: "Forbidden.RAM", HttpStatus: 403, Count: 1 });
    const r = await check("DiskRestore", { disks: [pair(D.batchSystem, S.batchSystem)] });
    expect(r.failures).toEqual([{ property: "disks[0].diskId", reason: expect.stringMatching(/^ResetDisk DryRun refused .*\(Forbidden\.RAM\)\. Remedy: .+/) }]);
    await p.emu.fault({ Action: "ResetDisks", Code: "Edge.Unheard.Of", HttpStatus: 400, Count: 1, Message: "Something new." });
    const b = await check("DiskRestore", { disks: [pair(D.batchSystem, S.batchSystem)], strategy: "batch" });
    expect(b.failures).toEqual([{ property: "disks", reason: expect.stringMatching(/^ResetDisks DryRun refused the rollback: .*\(Edge\.Unheard\.Of\)\. Remedy: .+/) }]);
  });

  test("throttling on every call: a warning, never a failure, for both resources", async () => {
    await p.emu.fault({ Code: "Throttling.User", HttpStatus: 400, Count: 100000 });
    const before = (await p.emu.calls()).length;
    const [dr, sd] = await Promise.all([
      check("DiskRestore", { disks: [pair(D.webData1, S.webData1)] }),
      check("SystemDiskReplacement", { instanceId: I.web, imageId: M.ubuntu2404 }),
    ]);
    expect(dr.failures).toEqual([]);
    expect(sd.failures).toEqual([]);
    expect((dr.inputs.plan as string[]).at(-1)).toMatch(/^warning: DiskRestore: preflight could not finish \(Throttling\.User/);
    expect((sd.inputs.plan as string[]).at(-1)).toMatch(/^warning: SystemDiskReplacement: preflight could not finish \(Throttling\.User/);
    expect((await callsSince(p.emu, before)).every((c) => c.Code === "Throttling.User")).toBe(true);
  }, 120000);
});

describe("read (refresh) against the real cloud", () => {
  test("nothing changed: the same properties, no inputs, no diff", async () => {
    const r = await read("DiskRestore", restoreState);
    expect(r).toEqual({ id: "id-1", properties: withShim("DiskRestore", restoreState) });
    expect(await diff("DiskRestore", r.properties, restoreProgram)).toEqual(NONE);
  });

  test("image changed out of band: drift shown, the next up re-runs", async () => {
    const state = { ...replaceState, instanceId: I.windows, imageId: M.windows2022, systemDiskId: D.windowsSystem };
    p.emu.cloud.setInstanceImage(I.windows, M.ubuntu2204);
    try {
      const r = await read("SystemDiskReplacement", state);
      expect(r.properties.imageId).toBe(M.ubuntu2204);
      expect(r.inputs?.imageId).toBe(M.ubuntu2204);
      expect(await diff("SystemDiskReplacement", r.properties, { ...replaceProgram, instanceId: I.windows, imageId: M.windows2022 })).toEqual(UPDATE);
    } finally {
      p.emu.cloud.setInstanceImage(I.windows, M.windows2022);
    }
  });

  test("disk deleted, instance deleted: the resource leaves the stack", async () => {
    const disk = p.emu.cloud.disks.get(D.webData2);
    p.emu.cloud.disks.delete(D.webData2);
    try {
      expect((await read("DiskRestore", restoreState)).id).toBe("");
    } finally {
      p.emu.cloud.disks.set(D.webData2, disk);
    }
    const inst = p.emu.cloud.instances.get(I.batch);
    p.emu.cloud.instances.delete(I.batch);
    try {
      expect((await read("SystemDiskReplacement", replaceState)).id).toBe("");
      expect((await read("DiskRestore", { ...restoreState, disks: [pair(D.batchData1, S.batchData1)], instanceId: I.batch })).id).toBe("");
    } finally {
      p.emu.cloud.instances.set(I.batch, inst);
    }
  });
});

test("check, diff and read made no mutating ECS call", async () => {
  expect(await p.emu.mutatingCalls()).toEqual([]);
});
