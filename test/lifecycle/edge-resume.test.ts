// Edge cases of failure, resume and limits in the apply path: the next up after a failed create,
// mixed attached/unattached disks, tiny timeouts, a stop that times out, a hung connection
// carrying a password. In-process provider against the emulator.
import { DEMO_FLEET, type RunningEmulator } from "../../emulator";
import { startProviderEmulator } from "./emulator-env";
import { D, I, M, PROVIDER, S, dr, failure, sdr, web1, web2 } from "./fixtures";

const { openSessionCount } = require("../../provider/operations/window/sessions");

const PASSWORD = "Hung-Secret#pw9";

let emu: RunningEmulator;
jest.setTimeout(40_000);

async function boot(timeScale = 0.005, seed: any = DEMO_FLEET): Promise<void> {
  emu = await startProviderEmulator({ timeScale, seed });
  delete process.env.DISKOPS_RETRIES;
}

afterEach(async () => {
  delete process.env.DISKOPS_RETRIES;
  await emu?.close();
  expect(openSessionCount()).toBe(0);
});

// The emulator completes due transitions before each request; reading its model directly, do the same.
const status = (id: string) => (emu.cloud.settle(), emu.cloud.instances.get(id)!.Status);
const ok = (action: string) => emu.calls().filter((c) => c.Action === action && c.HttpStatus === 200).length;
const resetsOf = (diskId: string) => emu.calls().filter((c) => c.Action === "ResetDisk" && c.HttpStatus === 200 && c.Params.DiskId === diskId).length;

async function fault(f: Record<string, unknown>): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${emu.port}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(f),
  });
  expect(res.status).toBeLessThan(300);
}

async function checked(p: any, olds: any, news: Record<string, unknown>) {
  const c = await p.check(olds, news);
  expect(c.failures ?? []).toEqual([]);
  return { ...c.inputs, __provider: PROVIDER };
}

describe("the next up after a failed create", () => {
  beforeEach(() => boot());

  it("DiskRestore: a disk rolled back before the failure is not rolled back again", async () => {
    const bad = [web1, { diskId: D.webData2, snapshotId: S.webData1 }];
    const err = await failure(dr().create(await checked(dr(), {}, { disks: bad, preflight: false })));
    expect(err.properties.results.map((r: any) => r.status)).toEqual(["Success", "Failed"]);
    expect(resetsOf(D.webData1)).toBe(1);

    const news = await checked(dr(), err.properties, { disks: [web1, web2], preflight: false });
    expect((await dr().diff(err.id, err.properties, news)).changes).toBe(true);
    const { outs } = await dr().update(err.id, err.properties, news);
    expect(outs.results).toMatchObject([
      { diskId: D.webData1, status: "Success" },
      { diskId: D.webData2, status: "Success" },
    ]);
    expect(outs.incomplete).toBeUndefined();
    expect(resetsOf(D.webData1)).toBe(1);
    expect(resetsOf(D.webData2)).toBe(1);
    // Both windows' calls: stop, reset, start of the failed run, then stop, reset, start of this one.
    expect(outs.requestIds).toHaveLength(6);
    expect(emu.cloud.disks.get(D.webData2)!.SourceSnapshotId).toBe(S.webData2);
    expect(status(I.web)).toBe("Running");
  });

  it("DiskRestore: a triggers change re-runs every disk, even those done before the failure", async () => {
    const bad = [web1, { diskId: D.webData2, snapshotId: S.webData1 }];
    const err = await failure(dr().create(await checked(dr(), {}, { disks: bad, preflight: false, triggers: { run: 1 } })));
    const news = await checked(dr(), err.properties, { disks: [web1, web2], preflight: false, triggers: { run: 2 } });
    await dr().update(err.id, err.properties, news);
    expect(resetsOf(D.webData1)).toBe(2);
  });

  it("SystemDiskReplacement: a stop that timed out, then the next up replaces exactly once", async () => {
    const err = await failure(sdr().create(await checked(sdr(), {}, { instanceId: I.web, imageId: M.ubuntu2404, timeouts: { stop: 0.005 } })));
    expect(err.message).toMatch(/stop timeout/);
    expect(err.message).toContain("The instance i-demo-web-1 was started again (it was Running before).");
    expect(err.properties).toMatchObject({ incomplete: true, systemDiskId: "" });
    expect(status(I.web)).toBe("Running");
    expect(ok("ReplaceSystemDisk")).toBe(0);

    const news = await checked(sdr(), err.properties, { instanceId: I.web, imageId: M.ubuntu2404 });
    const { outs } = await sdr().update(err.id, err.properties, news);
    expect(outs.previousSystemDiskId).toBe(D.webSystem);
    expect(outs.systemDiskId).toBe(emu.cloud.systemDiskOf(I.web)!.DiskId);
    expect(ok("ReplaceSystemDisk")).toBe(1);
    expect(status(I.web)).toBe("Running");
  });
});

describe("mixed and unusual targets", () => {
  const loose = { diskId: "d-loose-1", snapshotId: "s-loose-1" };
  const seed = {
    ...DEMO_FLEET,
    Disks: [...(DEMO_FLEET.Disks as any[]), { DiskId: "d-loose-1", RegionId: "cn-hangzhou", ZoneId: "cn-hangzhou-h", Type: "data", Category: "cloud_essd", Size: 20 }],
    Snapshots: [...(DEMO_FLEET.Snapshots as any[]), { SnapshotId: "s-loose-1", SourceDiskId: "d-loose-1", Status: "accomplished" }],
  };
  beforeEach(() => boot(0.005, seed));

  it("an unattached disk next to attached ones is rolled back in the same window", async () => {
    const { outs } = await dr().create(await checked(dr(), {}, { disks: [web1, loose] }));
    expect(outs).toMatchObject({ instanceId: I.web, instanceStatusAfter: "Running", results: [{ status: "Success" }, { status: "Success" }] });
    expect(emu.cloud.disks.get("d-loose-1")!.Status).toBe("Available");
    expect(emu.cloud.disks.get("d-loose-1")!.SourceSnapshotId).toBe("s-loose-1");
    expect(ok("StopInstance")).toBe(1);
  });

  it("leave-stopped on a Stopped instance: no stop, no start, stays Stopped", async () => {
    emu.cloud.setInstanceStatus(I.web, "Stopped");
    const { outs } = await dr().create(await checked(dr(), {}, { disks: [web1], powerPolicy: "leave-stopped" }));
    expect(outs).toMatchObject({ instanceStatusBefore: "Stopped", instanceStatusAfter: "Stopped" });
    expect(ok("StopInstance") + ok("StartInstance")).toBe(0);
  });

  it("start on a Stopped instance after a failure: left as it was, and the error says so", async () => {
    emu.cloud.setInstanceStatus(I.web, "Stopped");
    const err = await failure(
      dr().create({ disks: [{ diskId: D.webData1, snapshotId: S.webData2 }], powerPolicy: "start", preflight: false, __provider: PROVIDER }),
    );
    expect(err.message).toMatch(/InvalidParameter\.Mismatch/);
    expect(err.message).toContain("The instance i-demo-web-1 was left Stopped (it was Stopped before)");
    expect(err.properties.instanceStatusAfter).toBe("Stopped");
    expect(ok("StartInstance")).toBe(0);
  });
});

describe("timeouts", () => {
  it('restore "1s" with a slow reset: times out, waits the reset out, restores power', async () => {
    await boot(0.15); // stop 1.5 s, reset 3 s, start 1.5 s
    const err = await failure(dr().create(await checked(dr(), {}, { disks: [web1], timeouts: { restore: "1s" } })));
    expect(err.message).toMatch(/Timed out after 1s \(restore timeout\) waiting for disk\(s\) d-demo-web-1-data-1 .*last state seen: d-demo-web-1-data-1 ReIniting/);
    expect(err.message).toContain("The instance i-demo-web-1 was started again (it was Running before).");
    expect(err.properties.results).toMatchObject([{ status: "InProgress" }]);
    expect(status(I.web)).toBe("Running");
    expect(emu.cloud.disks.get(D.webData1)!.Status).toBe("In_use");
  });
});

describe("a hung connection carrying a password", () => {
  beforeEach(() => boot());

  it("restores power, and the password is in no message, call log or stderr", async () => {
    process.env.DISKOPS_RETRIES = "0";
    await fault({ Action: "ReplaceSystemDisk", Mode: "hang", Count: 1 });
    const written: string[] = [];
    const spies = [
      jest.spyOn(process.stderr, "write").mockImplementation((chunk: any) => (written.push(String(chunk)), true)),
      jest.spyOn(console, "error").mockImplementation((...a: unknown[]) => void written.push(a.map(String).join(" "))),
      jest.spyOn(console, "warn").mockImplementation((...a: unknown[]) => void written.push(a.map(String).join(" "))),
    ];
    let err: any;
    try {
      err = await failure(sdr().create(await checked(sdr(), {}, { instanceId: I.web, imageId: M.ubuntu2404, password: PASSWORD })));
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    expect(err.message).toMatch(/ReplaceSystemDisk/);
    expect(err.message).toContain("The instance i-demo-web-1 was started again (it was Running before).");
    expect(status(I.web)).toBe("Running");
    const everything = [err.message, err.stack, JSON.stringify(err.reasons), JSON.stringify(err.properties), JSON.stringify(emu.calls()), ...written].join("\n");
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(encodeURIComponent(PASSWORD));
  });
});
