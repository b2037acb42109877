// The diff verdict for every input of both resources, the no-spurious-diff cases, unknowns.
import { diffDiskRestore } from "../../provider/disk-restore/provider";
import { diffSystemDiskReplacement } from "../../provider/system-disk-replacement/provider";
import { changesDiskRestore } from "../../provider/disk-restore/changes";
import { changesSystemDiskReplacement } from "../../provider/system-disk-replacement/changes";
import { UNKNOWN } from "../../provider/common/types";

const NONE = { changes: false, replaces: [], deleteBeforeReplace: false };
const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false };
const replace = (...keys: string[]) => ({ changes: true, replaces: keys, deleteBeforeReplace: false });

const drInputs = { disks: [{ diskId: "d-a", snapshotId: "s-a1" }, { diskId: "d-b", snapshotId: "s-b1" }] };
// What a DiskRestore's state holds: the inputs echoed, plus outputs-only keys and the plan.
const drOutputs = {
  ...drInputs,
  instanceId: "i-web",
  regionId: "cn-hangzhou",
  instanceStatusBefore: "Running",
  instanceStatusAfter: "Running",
  requestIds: ["R1"],
  restoredAt: "2025-01-01T00:00:00Z",
  results: [{ diskId: "d-a", snapshotId: "s-a1", status: "Success" }],
  plan: ["stop i-web"],
  __provider: "shim",
};
const dr = (news: Record<string, unknown>, olds: Record<string, unknown> = drOutputs) => diffDiskRestore("id", olds, news);

describe("DiskRestore diff", () => {
  test("unchanged program: no diff (outputs-only keys, plan and __provider ignored)", async () => {
    expect(await dr({ ...drInputs, plan: ["a different plan"], __provider: "other" })).toEqual(NONE);
  });
  test("disk order does not matter", async () => {
    expect(await dr({ disks: [...drInputs.disks].reverse() })).toEqual(NONE);
  });
  test("a new snapshot for the same disk re-runs (update)", async () => {
    expect(await dr({ disks: [{ diskId: "d-a", snapshotId: "s-a2" }, drInputs.disks[1]] })).toEqual(UPDATE);
    expect(changesDiskRestore(drOutputs, { disks: [{ diskId: "d-a", snapshotId: "s-a2" }, drInputs.disks[1]] }).rerun).toEqual(["disks"]);
  });
  test("another disk set replaces", async () => {
    expect(await dr({ disks: [drInputs.disks[0]] })).toEqual(replace("disks"));
    expect(await dr({ disks: [...drInputs.disks, { diskId: "d-c", snapshotId: "s-c" }] })).toEqual(replace("disks"));
  });
  test("instanceId / regionId: another value replaces; left out keeps the recorded one", async () => {
    expect(await dr({ ...drInputs, instanceId: "i-other" })).toEqual(replace("instanceId"));
    expect(await dr({ ...drInputs, instanceId: "i-web" })).toEqual(NONE);
    expect(await dr({ ...drInputs, regionId: "cn-beijing" })).toEqual(replace("regionId"));
    expect(await dr({ ...drInputs, regionId: "cn-hangzhou" })).toEqual(NONE);
  });
  test("triggers: a change re-runs; removing them only records that", async () => {
    const olds = { ...drOutputs, triggers: { nightly: "2025-01-01" } };
    expect(await dr({ ...drInputs, triggers: { nightly: "2025-01-02" } }, olds)).toEqual(UPDATE);
    expect(changesDiskRestore(olds, { ...drInputs, triggers: { nightly: "2025-01-02" } }).rerun).toEqual(["triggers"]);
    expect(changesDiskRestore(olds, drInputs)).toMatchObject({ rerun: [], settings: ["triggers"] });
    expect(await dr({ ...drInputs, triggers: {} })).toEqual(NONE);
  });
  test.each([
    ["powerPolicy", "leave-stopped"],
    ["forceStop", true],
    ["stoppedMode", "StopCharging"],
    ["strategy", "batch"],
    ["preflight", false],
    ["timeouts", { stop: "1m" }],
  ])("%s is a recorded setting only (update, no re-run)", async (key, value) => {
    expect(await dr({ ...drInputs, [key]: value })).toEqual(UPDATE);
    expect(changesDiskRestore(drOutputs, { ...drInputs, [key]: value })).toMatchObject({ rerun: [], replace: [], settings: [key] });
  });
  test.each([
    ["powerPolicy", "restore"],
    ["forceStop", false],
    ["strategy", "per-disk"],
    ["preflight", true],
    ["timeouts", { stop: "5m", restore: 1200, start: "300s" }],
    ["timeouts", {}],
  ])("writing the default %s %p is no change (old state without the key)", async (key, value) => {
    expect(await dr({ ...drInputs, [key]: value })).toEqual(NONE);
  });
  test("removed optional inputs equal to their default are no change", async () => {
    const olds = { ...drOutputs, powerPolicy: "restore", strategy: "per-disk", preflight: true, forceStop: false, timeouts: { stop: 300 } };
    expect(await dr(drInputs, olds)).toEqual(NONE);
  });
  test("timeouts are compared in seconds", async () => {
    expect(await dr({ ...drInputs, timeouts: { stop: "10m" } }, { ...drOutputs, timeouts: { stop: 600 } })).toEqual(NONE);
    expect(await dr({ ...drInputs, timeouts: { stop: "10m" } }, { ...drOutputs, timeouts: { stop: "1h" } })).toEqual(UPDATE);
  });
  test("unknown values at preview are a change, never an error", async () => {
    expect(await dr({ disks: UNKNOWN })).toEqual(replace("disks"));
    expect(await dr({ disks: [{ diskId: UNKNOWN, snapshotId: "s-a1" }, drInputs.disks[1]] })).toEqual(replace("disks"));
    expect(await dr({ disks: [{ diskId: "d-a", snapshotId: UNKNOWN }, drInputs.disks[1]] })).toEqual(UPDATE);
    expect(await dr({ ...drInputs, triggers: { build: UNKNOWN } })).toEqual(UPDATE);
    expect(await dr({ ...drInputs, powerPolicy: UNKNOWN })).toEqual(UPDATE);
    expect(changesDiskRestore(drOutputs, { ...drInputs, instanceId: UNKNOWN })).toMatchObject({ replace: ["instanceId"], unknown: ["instanceId"] });
  });
});

const sdInputs = { instanceId: "i-web", imageId: "m-ubuntu-22-04" };
const sdOutputs = {
  ...sdInputs,
  regionId: "cn-hangzhou",
  systemDiskId: "d-new",
  previousSystemDiskId: "d-old",
  previousImageId: "m-old",
  requestId: "R",
  replacedAt: "2025-01-01T00:00:00Z",
  instanceStatusBefore: "Running",
  instanceStatusAfter: "Running",
  clientToken: "tok",
  plan: ["x"],
};
const sd = (news: Record<string, unknown>, olds: Record<string, unknown> = sdOutputs) => diffSystemDiskReplacement("id", olds, news);

describe("SystemDiskReplacement diff", () => {
  test("unchanged program: no diff", async () => {
    expect(await sd({ ...sdInputs, plan: ["new plan"] })).toEqual(NONE);
  });
  test("instanceId and regionId replace", async () => {
    expect(await sd({ ...sdInputs, instanceId: "i-other" })).toEqual(replace("instanceId"));
    expect(await sd({ ...sdInputs, regionId: "cn-shanghai" })).toEqual(replace("regionId"));
    expect(await sd({ ...sdInputs, regionId: "cn-hangzhou" })).toEqual(NONE);
  });
  test.each([
    ["imageId", "m-ubuntu-24-04"],
    ["systemDiskSize", 60],
    ["password", "EcsV587!"],
    ["passwordInherit", true],
    ["keyPairName", "kp-demo"],
    ["encrypted", true],
    ["kmsKeyId", "kms-1"],
    ["securityEnhancementStrategy", "Active"],
    ["useAdditionalService", true],
    ["triggers", { v: 2 }],
  ])("%s re-runs the replacement (update)", async (key, value) => {
    expect(await sd({ ...sdInputs, [key]: value })).toEqual(UPDATE);
    expect(changesSystemDiskReplacement(sdOutputs, { ...sdInputs, [key]: value })).toMatchObject({ rerun: [key], replace: [], settings: [] });
  });
  test.each([
    ["powerPolicy", "start"],
    ["forceStop", true],
    ["stoppedMode", "KeepCharging"],
    ["preflight", false],
    ["timeouts", { replace: "1h" }],
  ])("%s is a recorded setting only", async (key, value) => {
    expect(changesSystemDiskReplacement(sdOutputs, { ...sdInputs, [key]: value })).toMatchObject({ rerun: [], replace: [], settings: [key] });
    expect(await sd({ ...sdInputs, [key]: value })).toEqual(UPDATE);
  });
  test("defaults written out are no change; removing a rerun input only records it", async () => {
    expect(await sd({ ...sdInputs, encrypted: false, passwordInherit: false, powerPolicy: "restore", timeouts: { replace: "30m" } })).toEqual(NONE);
    const olds = { ...sdOutputs, systemDiskSize: 60, password: "EcsV587!", encrypted: false };
    expect(changesSystemDiskReplacement(olds, sdInputs)).toMatchObject({ rerun: [], settings: ["systemDiskSize", "password"] });
    expect(changesSystemDiskReplacement({ ...sdOutputs, encrypted: true }, sdInputs)).toMatchObject({ rerun: ["encrypted"] });
  });
  test("unknowns are changes", async () => {
    expect(await sd({ ...sdInputs, imageId: UNKNOWN })).toEqual(UPDATE);
    expect(await sd({ ...sdInputs, instanceId: UNKNOWN })).toEqual(replace("instanceId"));
    expect(await sd({ ...sdInputs, password: UNKNOWN })).toEqual(UPDATE);
  });
  test("drift recorded by a refresh re-runs until the apply clears it", async () => {
    expect(await sd(sdInputs, { ...sdOutputs, drift: ["system disk is d-x now"] })).toEqual(UPDATE);
    expect(changesSystemDiskReplacement({ ...sdOutputs, drift: ["x"] }, sdInputs).rerun).toEqual(["drift"]);
  });
});
