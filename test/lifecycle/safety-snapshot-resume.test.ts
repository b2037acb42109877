// Safety snapshots when a run fails and the next `up` resumes it (incomplete state), in-process
// against the emulator: a snapshot wait that timed out destroys nothing and the resumed run
// reuses that snapshot; a disk the failed run never reached is snapshotted afresh.
import { DEMO_FLEET, type RunningEmulator } from "../../emulator";
import { startProviderEmulator } from "./emulator-env";
import { D, I, PROVIDER, S, dr, failure, web1, web2 } from "./fixtures";

let emu: RunningEmulator;
jest.setTimeout(40_000);

afterEach(async () => {
  await emu?.close();
});

const ok = (action: string) => emu.calls().filter((c) => c.Action === action && c.HttpStatus === 200 && c.Params.DryRun !== "true");
const snapshot = (id: string) => (emu.cloud.settle(), emu.cloud.snapshots.get(id)!);
const status = (id: string) => (emu.cloud.settle(), emu.cloud.instances.get(id)!.Status);

async function write(diskId: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${emu.port}/__emulator/disks/${diskId}/write`, { method: "POST" });
  return ((await res.json()) as { ContentVersion: string }).ContentVersion;
}

async function checked(olds: any, news: Record<string, unknown>) {
  const c = await dr().check(olds, news);
  expect(c.failures ?? []).toEqual([]);
  return { ...c.inputs, __provider: PROVIDER };
}

it("a snapshot that outlasts timeouts.snapshot: nothing is reset, power restored; the next up reuses that snapshot", async () => {
  emu = await startProviderEmulator({ timeScale: 0.1, seed: DEMO_FLEET }); // snapshot 3 s
  const news = { disks: [web1], safetySnapshot: { enabled: true }, timeouts: { snapshot: 0.3 } };
  const err = await failure(dr().create(await checked({}, news)));
  expect(err.message).toMatch(/snapshot timeout/);
  expect(err.message).toContain("Nothing was overwritten");
  expect(err.message).toContain("The instance i-demo-web-1 was started again (it was Running before).");
  expect(ok("ResetDisk")).toHaveLength(0);
  expect(status(I.web)).toBe("Running");
  const [{ snapshotId }] = err.properties.safetySnapshots;
  expect(err.properties).toMatchObject({ incomplete: true, results: [{ status: "NotStarted" }] });

  const resumed = await dr().update(err.id, err.properties, await checked(err.properties, { disks: [web1], safetySnapshot: { enabled: true } }));
  expect(resumed.outs.safetySnapshots).toEqual([{ diskId: D.webData1, snapshotId }]);
  expect(ok("CreateSnapshot")).toHaveLength(1);
  expect(ok("ResetDisk")).toHaveLength(1);
  expect(snapshot(snapshotId).Status).toBe("accomplished");
});

it("resumed after a failed reset: the disk it never reached gets a fresh snapshot (with what was written since)", async () => {
  emu = await startProviderEmulator({ timeScale: 0.01, seed: DEMO_FLEET });
  const wrong = { diskId: D.webData1, snapshotId: S.webData2 }; // not a snapshot of data-1: refused
  const err = await failure(dr().create(await checked({}, { disks: [wrong, web2], safetySnapshot: { enabled: true }, preflight: false })));
  expect(err.properties.results.map((r: any) => r.status)).toEqual(["Failed", "NotStarted"]);
  const first = Object.fromEntries(err.properties.safetySnapshots.map((s: any) => [s.diskId, s.snapshotId]));
  expect(Object.keys(first).sort()).toEqual([D.webData1, D.webData2]);

  const written = await write(D.webData2); // the instance runs again meanwhile
  const resumed = await dr().update(err.id, err.properties, await checked(err.properties, { disks: [web1, web2], safetySnapshot: { enabled: true } }));
  const now = Object.fromEntries(resumed.outs.safetySnapshots.map((s: any) => [s.diskId, s.snapshotId]));
  expect(now[D.webData1]).toBe(first[D.webData1]); // ResetDisk was called on it: the old snapshot is the undo
  expect(now[D.webData2]).not.toBe(first[D.webData2]);
  expect(snapshot(now[D.webData2]).ContentVersion).toBe(written);
  expect(ok("CreateSnapshot")).toHaveLength(3);
  expect(resumed.outs.results.map((r: any) => r.status)).toEqual(["Success", "Success"]);
});
