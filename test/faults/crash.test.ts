// SIGKILL of the provider process at every step boundary, then a fresh process runs the same
// create again (what the next `pulumi up` does with a pending create). The re-run finds the
// intent record on the instance: it restores the power state recorded there (Running, although it
// finds the instance Stopped), skips what was done, and never replaces the system disk twice.
import { type Call, D, expectSettled, FaultLab, I, type Kind, M, S, useFaultLab } from "./fault-lab";

jest.setTimeout(90_000);

const labOf = useFaultLab();
let lab: FaultLab;
beforeEach(() => {
  lab = labOf();
});

const ok = (calls: Call[], action: string) => FaultLab.effective(calls, action);
const disk = (state: any, id: string) => state.Disks.find((d: any) => d.DiskId === id);
const web = (state: any) => state.Instances.find((i: any) => i.InstanceId === I.web);

const RESTORE = { disks: [{ diskId: D.webData1, snapshotId: S.webData1 }, { diskId: D.webData2, snapshotId: S.webData2 }] };
const REPLACE = { instanceId: I.web, imageId: M.ubuntu2404, keyPairName: "kp-demo" };

type Boundary = [string, Kind, (calls: Call[], state: any) => boolean];
const BOUNDARIES: Boundary[] = [
  ["restore: after stop", "restore", (c, s) => ok(c, "StopInstance").length > 0 && web(s).Status === "Stopped"],
  ["restore: right after the first ResetDisk was accepted", "restore", (c) => ok(c, "ResetDisk").length >= 1],
  ["restore: during the resets", "restore", (c, s) => ok(c, "ResetDisk").length === 2 && disk(s, D.webData2).Status === "ReIniting"],
  ["restore: after the first reset finished", "restore", (c, s) => ok(c, "ResetDisk").length >= 1 && disk(s, D.webData1).Status === "In_use" && disk(s, D.webData1).SourceSnapshotId === S.webData1],
  ["restore: after both resets finished", "restore", (c, s) => ok(c, "ResetDisk").length === 2 && disk(s, D.webData2).Status === "In_use" && disk(s, D.webData2).SourceSnapshotId === S.webData2],
  ["restore: during start", "restore", (c) => ok(c, "StartInstance").length > 0],
  ["replace: after stop", "replace", (c, s) => ok(c, "StopInstance").length > 0 && web(s).Status === "Stopped"],
  ["replace: during replace", "replace", (c) => ok(c, "ReplaceSystemDisk").length > 0],
  ["replace: after replace", "replace", (_c, s) => web(s).ImageId === M.ubuntu2404 && (web(s).OperationLocks?.LockReason ?? []).length === 0],
  ["replace: during start", "replace", (c) => ok(c, "StartInstance").length > 0],
];

describe.each(BOUNDARIES)("SIGKILL %s", (_name, kind, boundary) => {
  it("a fresh process re-runs create: power as the policy promises, work done once, no tag left", async () => {
    const disks = lab.watchSystemDisks();
    const props = kind === "restore" ? RESTORE : REPLACE;
    const first = await lab.plugin();
    const doomed = lab.create(first, kind, props).catch((err) => err);
    try {
      await lab.until(boundary, _name, doomed);
    } finally {
      await first.kill("SIGKILL");
    }
    await doomed;

    const second = await lab.plugin();
    try {
      const result = await lab.create(second, kind, props);
      // The instance was Running before the first run stopped it: restored, whatever the re-run found.
      expect(result.properties.instanceStatusAfter).toBe("Running");
      expect(result.properties.instanceStatusBefore).toBe("Running");
      const systemDisks = await disks.stop();
      await expectSettled(lab, {
        status: "Running",
        disks: kind === "restore" ? RESTORE.disks.map((d) => [d.diskId, d.snapshotId]) : [],
        systemDisks,
        replaced: kind === "replace",
      });
      if (kind === "replace") {
        expect(result.properties.systemDiskId).toBe(systemDisks.find((d) => d !== D.webSystem));
        expect(result.properties.previousSystemDiskId).toBe(D.webSystem);
      }
      // One stopped window: the second run never stops a Running instance again.
      const calls = await lab.calls();
      expect(ok(calls, "StopInstance").length).toBe(1);
    } finally {
      await disks.stop();
      await second.close();
    }
  });
});

it("the README's promise: ECS forgets the ClientToken (short TTL), the re-run still replaces once, from the record", async () => {
  const short = await FaultLab.start({ clientTokenTtlSeconds: 1 }); // 1 s simulated = 50 ms
  try {
    const disks = short.watchSystemDisks();
    const first = await short.plugin();
    const doomed = short.create(first, "replace", REPLACE).catch((err) => err);
    try {
      await short.until((c) => ok(c, "ReplaceSystemDisk").length > 0, "ReplaceSystemDisk sent", doomed);
    } finally {
      await first.kill("SIGKILL");
    }
    await doomed;
    const second = await short.plugin();
    try {
      const result = await short.create(second, "replace", REPLACE);
      expect(result.properties.instanceStatusAfter).toBe("Running");
      // Nothing was sent again: the record said which disk was being replaced, and another is attached.
      expect(ok(await short.calls(), "ReplaceSystemDisk").length).toBe(1);
      await expectSettled(short, { status: "Running", systemDisks: await disks.stop(), replaced: true });
    } finally {
      await disks.stop();
      await second.close();
    }
  } finally {
    await short.close();
  }
});
