// SystemDiskReplacement through the provider methods, in-process, against the emulator.
import { startTestCloud, type TestCloud } from "./emulator-env";
import { waitFor } from "../support/wait-for";
import { D, I, M, PROVIDER, S, dr, failure, sdr } from "./fixtures";

const PASSWORD = "Sup3r-Secret!pw";

async function create(news: Record<string, unknown>) {
  const checked = await sdr().check({}, news);
  expect(checked.failures ?? []).toEqual([]);
  return sdr().create({ ...checked.inputs, __provider: PROVIDER });
}

async function systemDisksOf(cloud: TestCloud, instanceId: string): Promise<any[]> {
  return (await cloud.state()).Disks.filter((d: any) => d.InstanceId === instanceId && d.Type === "system");
}

let cloud: TestCloud;
beforeEach(async () => {
  cloud = await startTestCloud();
});
afterEach(async () => {
  await cloud.close();
});

it("create replaces the system disk, restores power and records every output (password never logged)", async () => {
  const news = { instanceId: I.web, imageId: M.ubuntu2404, systemDiskSize: 50, password: PASSWORD, securityEnhancementStrategy: "Active", useAdditionalService: true };
  const { id, outs } = await create(news);
  expect(id).toEqual(expect.any(String));
  expect(outs).toMatchObject({
    ...news,
    regionId: "cn-hangzhou",
    previousSystemDiskId: D.webSystem,
    previousImageId: M.ubuntu2204,
    instanceStatusBefore: "Running",
    instanceStatusAfter: "Running",
  });
  expect(outs.systemDiskId).toMatch(/^d-/);
  expect(outs.systemDiskId).not.toBe(D.webSystem);
  expect(outs.requestId).toEqual(expect.any(String));
  expect(outs.clientToken.length).toBeLessThanOrEqual(64);
  expect(new Date(outs.replacedAt).toISOString()).toBe(outs.replacedAt);

  const [disk] = await systemDisksOf(cloud, I.web);
  expect(disk).toMatchObject({ DiskId: outs.systemDiskId, Size: 50, ImageId: M.ubuntu2404, Status: "In_use" });
  const inst = await cloud.instance(I.web);
  expect(inst).toMatchObject({ Status: "Running", ImageId: M.ubuntu2404 });
  const calls = await cloud.calls();
  expect(await cloud.count("StopInstance", calls)).toBe(1);
  expect(await cloud.count("ReplaceSystemDisk", calls)).toBe(1);
  expect(await cloud.count("StartInstance", calls)).toBe(1);
  expect(JSON.stringify(calls)).not.toContain(PASSWORD);
});

it("a triggers change replaces again (new token); settings-only and delete touch nothing", async () => {
  const news = { instanceId: I.web, imageId: M.ubuntu2404, triggers: { wave: 1 } };
  const first = await create(news);
  const rerun = await sdr().update(first.id, first.outs, (await sdr().check(first.outs, { ...news, triggers: { wave: 2 } })).inputs);
  expect(rerun.outs.systemDiskId).not.toBe(first.outs.systemDiskId);
  expect(rerun.outs.previousSystemDiskId).toBe(first.outs.systemDiskId);
  expect(rerun.outs.clientToken).not.toBe(first.outs.clientToken);
  expect(await cloud.count("ReplaceSystemDisk")).toBe(2);

  const before = (await cloud.mutatingCalls()).length;
  const settingsNews = (await sdr().check(rerun.outs, { ...news, triggers: { wave: 2 }, timeouts: { replace: "45m" }, forceStop: true })).inputs;
  const diff = await sdr().diff(first.id, rerun.outs, settingsNews);
  expect(diff.replaces ?? []).toEqual([]);
  const settled = await sdr().update(first.id, rerun.outs, settingsNews);
  expect(settled.outs).toMatchObject({ timeouts: { replace: "45m" }, forceStop: true, systemDiskId: rerun.outs.systemDiskId });
  await sdr().delete(first.id, settled.outs);
  expect((await cloud.mutatingCalls()).length).toBe(before);
  expect((await systemDisksOf(cloud, I.web)).map((d) => d.DiskId)).toEqual([rerun.outs.systemDiskId]);
});

it("an interrupted replacement re-created with the same inputs is recognised: same disk, one replacement", async () => {
  const news = { instanceId: I.web, imageId: M.ubuntu2404, password: PASSWORD };
  // First attempt: ReplaceSystemDisk is accepted, then the run dies before recording anything
  // (here: its replace wait times out and the partial state is thrown away).
  const err = await failure(create({ ...news, timeouts: { replace: 0.01 } }));
  expect(err.message).toMatch(/replace timeout/);
  expect(err.message).not.toContain(PASSWORD);
  const firstDisk = err.properties.systemDiskId;
  expect(firstDisk).toMatch(/^d-/);

  const { outs } = await create(news);
  expect(outs.systemDiskId).toBe(firstDisk);
  expect(outs.clientToken).toBe(err.properties.clientToken);
  const systemDisks = await systemDisksOf(cloud, I.web);
  expect(systemDisks.map((d) => d.DiskId)).toEqual([firstDisk]);
  // Only one system disk was ever created: the original is gone and no third disk exists.
  const all = (await cloud.state()).Disks.filter((d: any) => d.Type === "system" && d.DiskId !== D.webSystem && (d.InstanceId === I.web || d.InstanceId === ""));
  expect(all.map((d: any) => d.DiskId)).toEqual([firstDisk]);
  expect((await cloud.instance(I.web)).Status).toBe("Running");
});

it("the partial state of a failed replacement is finished by the next update without a second replacement", async () => {
  const news = { instanceId: I.web, imageId: M.ubuntu2404 };
  const err = await failure(create({ ...news, timeouts: { replace: 0.01 } }));
  expect(err.properties).toMatchObject({ incomplete: true, __provider: PROVIDER, previousSystemDiskId: D.webSystem });
  expect(err.message).toContain("The instance i-demo-web-1 was started again (it was Running before).");
  // The replacement goes on in ECS after our wait gave up; let it finish.
  await waitFor(() => cloud.instance(I.web), (i) => i.Status === "Running" && !(i.OperationLocks?.LockReason ?? []).length);
  const before = (await cloud.calls()).length;
  const done = await sdr().update(err.id, err.properties, { ...news, __provider: PROVIDER });
  expect(done.outs.systemDiskId).toBe(err.properties.systemDiskId);
  expect(done.outs.previousSystemDiskId).toBe(D.webSystem);
  expect(done.outs.incomplete).toBeUndefined();
  // Finished already: recorded without stopping the instance or calling ReplaceSystemDisk again.
  const after = (await cloud.calls()).slice(before).map((c) => c.Action);
  expect(after).not.toContain("StopInstance");
  expect(after).not.toContain("ReplaceSystemDisk");
  const calls = await cloud.calls();
  expect(calls.filter((c) => c.Action === "ReplaceSystemDisk" && c.HttpStatus === 200)).toHaveLength(1);
  expect((await systemDisksOf(cloud, I.web)).map((d) => d.DiskId)).toEqual([err.properties.systemDiskId]);
});

it("a terminal error restores power, says so and never shows the password", async () => {
  const err = await failure(
    sdr().create({ instanceId: I.web, imageId: M.centosLarge, systemDiskSize: 50, password: PASSWORD, preflight: false, __provider: PROVIDER }),
  );
  expect(err.message).toMatch(/InvalidSystemDiskSize\.LessThanImageSize/);
  expect(err.message).toContain("The instance i-demo-web-1 was started again (it was Running before).");
  expect(err.message).not.toContain(PASSWORD);
  expect(JSON.stringify(err.reasons)).not.toContain(PASSWORD);
  expect((await cloud.instance(I.web)).Status).toBe("Running");
});

it("fail-if-running refuses without stopping; leave-stopped leaves it stopped", async () => {
  const err = await failure(sdr().create({ instanceId: I.web, imageId: M.ubuntu2404, powerPolicy: "fail-if-running", preflight: false, __provider: PROVIDER }));
  expect(err.message).toMatch(/fail-if-running/);
  expect(await cloud.mutatingCalls()).toEqual([]);
  const { outs } = await create({ instanceId: I.web, imageId: M.ubuntu2404, powerPolicy: "leave-stopped" });
  expect(outs.instanceStatusAfter).toBe("Stopped");
  expect((await cloud.instance(I.web)).Status).toBe("Stopped");
});

it("a rollback and a replacement on the same instance at once: stopped once, started once", async () => {
  const [restore, replace] = await Promise.all([
    dr().check({}, { disks: [{ diskId: D.webData1, snapshotId: S.webData1 }] }).then((c: any) => dr().create({ ...c.inputs, __provider: PROVIDER })),
    create({ instanceId: I.web, imageId: M.ubuntu2404 }),
  ]);
  expect(restore.outs.instanceStatusAfter).toBe("Running");
  expect(replace.outs.instanceStatusAfter).toBe("Running");
  const calls = await cloud.calls();
  expect(await cloud.count("StopInstance", calls)).toBe(1);
  expect(await cloud.count("StartInstance", calls)).toBe(1);
  expect(await cloud.count("ResetDisk", calls)).toBe(1);
  expect(await cloud.count("ReplaceSystemDisk", calls)).toBe(1);
  expect((await cloud.instance(I.web)).Status).toBe("Running");
});
