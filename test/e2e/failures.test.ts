// Failures through the real Pulumi CLI: a preflight failure fails preview; an apply failure records
// partial state that the next up finishes; `pulumi up` killed mid-operation leaves a stale lock and a
// pending create, and the sequence docs/failures.md tells users to run gets the stack back.
import { DEMO_IDS } from "../../emulator";
import { startTestCloud, type TestCloud } from "../lifecycle/emulator-env";
import { waitFor } from "../support/wait-for";
import { CliStack, TIME_SCALE, alive, killTree } from "./support/cli-stack";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const IMG = DEMO_IDS.images;

/** One program, the scenario picked by config (preflight off: faults must hit the apply, not a DryRun). */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { DiskRestore, SystemDiskReplacement } = require("pulumi-alicloud-diskops");
const config = new pulumi.Config();
if (config.require("scenario") === "restore") {
  const r = new DiskRestore("data-rollback", {
    disks: [
      { diskId: "${D.webData1}", snapshotId: "${S.webData1}" },
      { diskId: "${D.webData2}", snapshotId: "${S.webData2}" },
    ],
    preflight: false,
  });
  exports.results = r.results;
} else {
  const r = new SystemDiskReplacement("web-os", {
    instanceId: "${I.web}", imageId: "${IMG.ubuntu2404}", systemDiskSize: 60, keyPairName: "kp-demo", preflight: false,
  });
  exports.systemDiskId = r.systemDiskId;
}
`;

let cloud: TestCloud;
const stacks: CliStack[] = [];

beforeAll(async () => {
  cloud = await startTestCloud({ timeScale: TIME_SCALE });
});
beforeEach(async () => {
  for (const p of ["/__emulator/reset-state", "/__emulator/faults"]) await fetch(`${cloud.url}${p}`, { method: p.endsWith("faults") ? "DELETE" : "POST" });
});
afterAll(async () => {
  for (const s of stacks) s.cleanup();
  await cloud?.close();
});

async function newStack(project: string, config: Record<string, string>, programSource?: string): Promise<CliStack> {
  const s = await CliStack.create({ project, cloudUrl: cloud.url, config, programSource });
  stacks.push(s);
  return s;
}

const pendingFaults = async () => (await (await fetch(`${cloud.url}/__emulator/faults`)).json()) as unknown[];
const systemDisks = async () => (await cloud.state()).Disks.filter((d: any) => d.InstanceId === I.web && d.Type === "system");

test("a preflight failure fails preview, naming the property and the remedy", async () => {
  const stack = await newStack("preflight", { dataSnapshotId: "s-does-not-exist" });
  const { code, output } = await stack.run(["preview", "--diff"], true);
  expect(code).not.toBe(0);
  expect(output).toContain("disks[0].snapshotId");
  expect(output).toContain("s-does-not-exist does not exist");
  expect(output).toMatch(/Remedy: Check the snapshot ID and the region/);
  expect(await cloud.mutatingCalls()).toEqual([]);
});

test("an apply failure records partial state (initErrors); the next up finishes the job", async () => {
  const stack = await newStack("partial", { scenario: "restore" }, PROGRAM);
  await cloud.fault({ Action: "ResetDisk", Code: "InvalidAccountStatus.NotEnoughBalance" });
  const failed = await stack.run(["up", "--yes"], true);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toContain("InvalidAccountStatus.NotEnoughBalance");
  expect(failed.output).toContain("Remedy:");
  const { deployment } = await stack.exportState();
  const partial = deployment.resources.find((r: any) => r.urn.endsWith("::data-rollback"));
  expect(partial.initErrors?.length).toBeGreaterThan(0);
  expect(partial.outputs.results.map((r: any) => r.status)).toContain("Failed");
  // The instance was stopped for the reset and is running again (powerPolicy restore).
  expect((await cloud.instance(I.web)).Status).toBe("Running");

  const next = await stack.up();
  expect(next.output).toMatch(/1 updated/);
  const after = (await stack.exportState()).deployment.resources.find((r: any) => r.urn.endsWith("::data-rollback"));
  expect(after.initErrors ?? []).toEqual([]);
  expect(after.outputs.results.map((r: any) => r.status)).toEqual(["Success", "Success"]);
  expect((await cloud.disk(D.webData1)).SourceSnapshotId).toBe(S.webData1);
  expect((await cloud.disk(D.webData2)).SourceSnapshotId).toBe(S.webData2);
  expect((await cloud.instance(I.web)).Status).toBe("Running");
});

test("up killed mid-operation: stale lock -> pulumi cancel -> up (pending create, Create again) -> refresh --clear-pending-creates", async () => {
  const stack = await newStack("killed", { scenario: "replace" }, PROGRAM);
  expect((await cloud.instance(I.web)).Status).toBe("Running");
  const oldSystemDisk = (await systemDisks())[0].DiskId;

  // StartInstance (after the stop and the replacement) hangs; once ECS holds it, kill everything.
  await cloud.fault({ Action: "StartInstance", Mode: "hang" });
  const up = stack.start(["up", "--yes"]);
  await waitFor(pendingFaults, (f) => f.length === 0, 60_000, "the up to reach StartInstance");
  const killed = killTree(up.child.pid!);
  await up.exited;
  await waitFor(() => killed.filter(alive), (left) => left.length === 0, 10_000, "the killed processes to be gone");
  // Killed in the update, after its preview: no summary of the update.
  expect(up.output()).toContain("Updating (e2e)");
  expect(up.output()).not.toMatch(/\d+ created/);
  const replaced = await systemDisks();
  expect(replaced.map((d: any) => d.DiskId)).not.toContain(oldSystemDisk);
  expect((await cloud.instance(I.web)).Status).toBe("Stopped");

  // 1. The local backend kept the killed run's lock.
  const locked = await stack.run(["up", "--yes"], true);
  expect(locked.code).not.toBe(0);
  expect(locked.output).toMatch(/the stack is currently locked by 1 lock\(s\)/);
  expect(locked.output).toContain("`pulumi cancel`");

  // 2. pulumi cancel removes it.
  expect((await stack.run(["cancel", "--yes"])).output).toMatch(/has been canceled/);

  // 3. up warns about the pending create and creates again. The intent record on the instance
  //    names the system disk being replaced: while it is still attached the re-run sends the same
  //    ClientToken again; once another disk is attached it sends nothing. One replacement either way.
  const again = await stack.up();
  expect(again.output).toContain("Attempting to deploy or update resources with 1 pending operations from previous deployment");
  expect(again.output).toContain("::web-os, interrupted while creating");
  expect(again.output).toMatch(/\+ 1 created/);
  const tokens = (await cloud.calls()).filter((c: any) => c.Action === "ReplaceSystemDisk").map((c: any) => c.Params?.ClientToken);
  expect(tokens.length).toBeGreaterThanOrEqual(1);
  expect(tokens.length).toBeLessThanOrEqual(2);
  expect(new Set(tokens).size).toBe(1);
  expect((await systemDisks()).map((d: any) => d.DiskId)).toEqual(replaced.map((d: any) => d.DiskId));
  const created = (await stack.exportState()).deployment;
  expect(created.resources.find((r: any) => r.urn.endsWith("::web-os")).outputs.systemDiskId).toBe(replaced[0].DiskId);

  // 4. The pending create stays (and the warning repeats) until refresh --clear-pending-creates.
  expect(created.pending_operations).toHaveLength(1);
  expect((await stack.up()).output).toContain("interrupted while creating");
  await stack.refresh("--clear-pending-creates");
  expect((await stack.exportState()).deployment.pending_operations ?? []).toEqual([]);
  expect((await stack.up()).output).not.toContain("pending operations");

  // The promised power state: it was Running before, powerPolicy "restore".
  expect((await cloud.instance(I.web)).Status).toBe("Running");
});
