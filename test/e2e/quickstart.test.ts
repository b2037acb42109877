// The quickstart example, from its own folder, through the real Pulumi CLI and language host on the
// suite's default row, with the region and the key pair only in the stack config (nothing in the
// environment: configure() must pass them on), against the emulator: preview --diff shows the plan,
// up does the work, a second up does nothing, a config change updates, refresh sees no drift until
// the image is changed out of band, up puts it back, destroy touches nothing in ECS.
import { DEMO_ACCESS_KEY, DEMO_IDS, DEMO_REGION } from "../../emulator";
import { createEcsApi } from "../../provider/ecs/client";
import { resolveEcsSettings } from "../../provider/ecs/settings";
import { startTestCloud, type TestCloud } from "../lifecycle/emulator-env";
import { waitFor } from "../support/wait-for";
import { CliStack, TIME_SCALE } from "./support/cli-stack";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const IMG = DEMO_IDS.images;

let cloud: TestCloud;
let stack: CliStack;

beforeAll(async () => {
  cloud = await startTestCloud({ timeScale: TIME_SCALE });
  stack = await CliStack.create({
    project: "quickstart", cloudUrl: cloud.url,
    env: { ALIBABA_CLOUD_REGION_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined },
    config: { "alicloud:accessKey": DEMO_ACCESS_KEY.AccessKeyId }, secretConfig: { "alicloud:secretKey": DEMO_ACCESS_KEY.AccessKeySecret },
  });
});
afterAll(async () => {
  stack?.cleanup();
  await cloud?.close();
});

/** Mutating ECS calls made while `step` ran. */
async function mutatingDuring(step: () => Promise<unknown>): Promise<string[]> {
  const before = (await cloud.mutatingCalls()).length;
  await step();
  return (await cloud.mutatingCalls()).slice(before).filter((c) => c.HttpStatus < 400).map((c) => c.Action);
}

const systemDisk = async () => (await cloud.state()).Disks.find((d: any) => d.InstanceId === I.web && d.Type === "system");

test("preview --diff shows the plan lines and calls nothing that changes ECS", async () => {
  let output = "";
  expect(await mutatingDuring(async () => ({ output } = await stack.preview()))).toEqual([]);
  expect(output).toContain(`stop ${I.web} (Running now; powerPolicy restore: it will be started again)`);
  expect(output).toContain(`reset ${D.webData1} -> snapshot ${S.webData1} (ResetDisk)`);
  expect(output).toContain(`start ${I.web}`);
  expect(output).toMatch(/\+ 3 to create/);
});

test("up rolls the disk back and replaces the system disk, showing progress; the instance is Running again", async () => {
  let output = "";
  const done = await mutatingDuring(async () => ({ output } = await stack.up()));
  // Progress of the long steps, through the engine's Log service (ephemeral status messages).
  expect(output).toMatch(new RegExp(`${I.web} Stopping \\(\\d+ s\\)`));
  expect(output).toMatch(new RegExp(`${D.webData1} ReIniting \\(\\d+ s\\)`));
  expect(output).toMatch(new RegExp(`${I.web} ReplaceSystemDisk: instance Stopped, OperationLocks \\[replaceSystemDisk\\]`));
  expect(done.filter((a) => a === "ReplaceSystemDisk")).toHaveLength(1);
  expect(done.filter((a) => a === "ResetDisk")).toHaveLength(1);
  // Both resources act on i-demo-web-1: stopped once, started once.
  expect(done.filter((a) => a === "StopInstance")).toHaveLength(1);
  expect(done.filter((a) => a === "StartInstance")).toHaveLength(1);
  expect((await cloud.disk(D.webData1)).SourceSnapshotId).toBe(S.webData1);
  expect(await systemDisk()).toMatchObject({ ImageId: IMG.ubuntu2204, Size: 60 });
  expect((await cloud.instance(I.web)).Status).toBe("Running");
});

test("a second up reports no changes and makes no mutating ECS call", async () => {
  let output = "";
  expect(await mutatingDuring(async () => ({ output } = await stack.up()))).toEqual([]);
  expect(output).toMatch(/3 unchanged/);
  expect(output).not.toMatch(/\d+ (created|updated)/);
});

test("a config change: preview shows the update, up applies it", async () => {
  await stack.setConfig({ webSystemDiskSize: "80" });
  const preview = await stack.preview();
  expect(preview.output).toMatch(/~ 1 to update/);
  expect(preview.output).toMatch(/systemDiskSize\s*: 60 => 80/);
  expect(preview.output).toContain("run again: systemDiskSize changed");
  const done = await mutatingDuring(() => stack.up());
  expect(done).toEqual(["StopInstance", "ReplaceSystemDisk", "StartInstance"]);
  expect(await systemDisk()).toMatchObject({ ImageId: IMG.ubuntu2204, Size: 80 });
});

test("refresh finds no drift; after an out-of-band image change it does, and up puts the image back", async () => {
  const clean = await stack.refresh();
  expect(clean.output).toMatch(/3 unchanged/);
  expect(clean.output).not.toMatch(/\d+ updated/);

  // Someone replaces the system disk with another image outside Pulumi (console, script).
  const api = createEcsApi(resolveEcsSettings({ env: { ...process.env, ALIBABA_CLOUD_ECS_ENDPOINT: cloud.url }, config: { "alicloud:region": DEMO_REGION } }));
  await api.stopInstance(I.web);
  await cloud.waitForInstance(I.web, "Stopped");
  await api.replaceSystemDisk({ instanceId: I.web, imageId: IMG.ubuntu2404, systemDiskSize: 80, keyPairName: "kp-demo" });
  await waitFor(systemDisk, (d) => d?.ImageId === IMG.ubuntu2404 && d?.Status === "In_use", 10_000, "out-of-band replacement");
  await api.startInstance(I.web);
  await cloud.waitForInstance(I.web, "Running");

  const drifted = await stack.refresh("--diff");
  expect(drifted.output).toMatch(/~ 1 updated/);
  expect(drifted.output).toContain("changed outside Pulumi");
  // Refresh recorded what Read saw: the drifted image; preview shows it going back.
  const preview = await stack.preview();
  expect(preview.output).toMatch(/~ imageId\s*: "m-ubuntu-24-04" => "m-ubuntu-22-04"/);
  expect(preview.output).toContain("run again: imageId changed, the system disk was changed outside Pulumi (drift)");
  const done = await mutatingDuring(() => stack.up());
  expect(done).toEqual(["StopInstance", "ReplaceSystemDisk", "StartInstance"]);
  expect(await systemDisk()).toMatchObject({ ImageId: IMG.ubuntu2204, Size: 80 });
  expect((await cloud.instance(I.web)).Status).toBe("Running");
});

test("preview --diff of a change after an up: the plan's steps keep their places, only what changes shows as changed", async () => {
  await stack.setConfig({ webSystemDiskSize: "100" });
  const { output } = await stack.preview();
  expect(output).toMatch(/~ \[0\]: "run again: imageId changed, [^"]*" => "run again: systemDiskSize changed"/);
  expect(output).toMatch(new RegExp(`\\n {12}\\[1\\]: "stop ${I.web} \\(Running now`));
  expect(output).toMatch(/~ \[2\]: "replace system disk [^"]*80 GiB[^"]*" => "replace system disk [^"]*100 GiB/);
  expect(output).toMatch(new RegExp(`\\n {12}\\[3\\]: "start ${I.web}"`));
});

test("destroy removes the stack's resources and touches nothing in ECS", async () => {
  let output = "";
  expect(await mutatingDuring(async () => ({ output } = await stack.destroy()))).toEqual([]);
  expect(output).toMatch(/3 deleted/);
  const { deployment } = await stack.exportState();
  expect(deployment.resources ?? []).toEqual([]);
});
