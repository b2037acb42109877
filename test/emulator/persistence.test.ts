// --state FILE: the cloud (resources, client tokens, transitions in flight) survives restarts;
// overdue transitions complete on load. Also the CLI: URL on the first stdout line, clean SIGTERM.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEMO_IDS } from "../../emulator";
import { $Ecs, describeDisk, describeInstance, sdk, start, stopAndWait, waitFor } from "./support/harness";

const I = DEMO_IDS.instances;
const M = DEMO_IDS.images;
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-emulator-state-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const replaceRequest = (clientToken: string) =>
  new $Ecs.ReplaceSystemDiskRequest({ instanceId: I.batch, imageId: M.ubuntu2404, clientToken, passwordInherit: true });
const readState = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const ofKind = (file: string, kind: string) => (readState(file).Transitions as { Kind: string }[]).filter((t) => t.Kind === kind);
const replacements = (file: string) => ofKind(file, "SystemDiskReplace");

test("resources, client tokens and an in-flight replacement survive a restart", async () => {
  const stateFile = path.join(dir, "cloud.json");
  const first = await start({ stateFile, timeScale: 1 });
  let newDiskId: string;
  try {
    const ecs = sdk(first);
    // An out-of-band change (as the console would make) is persisted too.
    first.cloud.setInstanceStatus(I.web, "Stopped");
    newDiskId = (await ecs.replaceSystemDisk(replaceRequest("persist-1"))).body!.diskId!;
    expect(replacements(stateFile)).toEqual([expect.objectContaining({ Kind: "SystemDiskReplace", NewDiskId: newDiskId })]);
  } finally {
    await first.close();
  }
  expect(fs.readdirSync(dir)).toEqual(["cloud.json"]); // atomic writes leave no temp files

  // Restart with a fast clock: the transition keeps its absolute due time (40 s away), so it is
  // still in flight; shorten it in the file to simulate the time passing while the emulator was down.
  const saved = readState(stateFile);
  saved.Transitions.find((t: { Kind: string }) => t.Kind === "SystemDiskReplace").DueAt = Date.now() - 1000;
  fs.writeFileSync(stateFile, JSON.stringify(saved));

  const second = await start({ stateFile });
  try {
    const ecs = sdk(second);
    expect((await describeInstance(ecs, I.web)).status).toBe("Stopped");
    const inst = await describeInstance(ecs, I.batch);
    expect(inst.operationLocks!.lockReason).toEqual([]);
    expect(inst.imageId).toBe(M.ubuntu2404);
    expect(await describeDisk(ecs, DEMO_IDS.disks.batchSystem)).toBeUndefined();
    expect((await describeDisk(ecs, newDiskId!)).status).toBe("In_use");
    // The ClientToken is remembered: the retry returns the first result.
    expect((await ecs.replaceSystemDisk(replaceRequest("persist-1"))).body!.diskId).toBe(newDiskId!);
    expect(replacements(stateFile)).toEqual([]);
  } finally {
    await second.close();
  }
});

test("a transition still pending at restart completes on its timer afterwards", async () => {
  const stateFile = path.join(dir, "cloud.json");
  const first = await start({ stateFile });
  try {
    await stopAndWait(sdk(first), I.web);
    await sdk(first).resetDisk(new $Ecs.ResetDiskRequest({ diskId: DEMO_IDS.disks.webData1, snapshotId: DEMO_IDS.snapshots.webData1 }));
  } finally {
    await first.close();
  }
  const saved = readState(stateFile);
  expect(ofKind(stateFile, "DiskReset")).toEqual([expect.objectContaining({ DiskId: DEMO_IDS.disks.webData1 })]);
  saved.Transitions.find((t: { Kind: string }) => t.Kind === "DiskReset").DueAt = Date.now() + 300;
  fs.writeFileSync(stateFile, JSON.stringify(saved));

  const second = await start({ stateFile });
  try {
    const ecs = sdk(second);
    expect((await describeDisk(ecs, DEMO_IDS.disks.webData1)).status).toBe("ReIniting");
    const done = await waitFor(() => describeDisk(ecs, DEMO_IDS.disks.webData1), (d) => d.status === "In_use");
    expect(done.sourceSnapshotId).toBe(DEMO_IDS.snapshots.webData1);
    await waitFor(() => ofKind(stateFile, "DiskReset").length, (n) => n === 0);
  } finally {
    await second.close();
  }
});

test("a state file that is not the emulator's is refused", async () => {
  const stateFile = path.join(dir, "other.json");
  fs.writeFileSync(stateFile, JSON.stringify({ hello: "world" }));
  await expect(start({ stateFile })).rejects.toThrow(/state file/);
});

test("CLI: prints the URL first, serves the API, persists --state, exits cleanly on SIGTERM", async () => {
  const root = path.resolve(__dirname, "../..");
  const stateFile = path.join(dir, "cli-state.json");
  const child = spawn(
    process.execPath,
    ["-r", path.join(__dirname, "support/ts-register.js"), path.join(root, "emulator/cli.ts"), "--port", "0", "--time-scale", "0.01", "--state", stateFile],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  try {
    let stdout = "";
    child.stdout.on("data", (c) => (stdout += c));
    const firstLine = await waitFor(() => stdout, (s) => s.includes("\n"), 20_000);
    const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(firstLine.split("\n")[0]);
    expect(m).not.toBeNull();
    const ecs = sdk({ port: Number(m![1]) });
    expect((await describeInstance(ecs, I.web)).status).toBe("Running");
    expect(fs.existsSync(stateFile)).toBe(true);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

test("a seed file of pasted Describe* output: wrappers accepted, unknown fields echoed, defaults filled", async () => {
  const seedFile = path.join(dir, "seed.json");
  fs.writeFileSync(
    seedFile,
    JSON.stringify({
      // No AccessKeys: the demo key pair is used.
      Instances: {
        Instance: [
          {
            InstanceId: "i-pasted-1",
            Status: "Stopped",
            ImageId: "m-pasted",
            InstanceType: "ecs.c7.xlarge",
            Cpu: 4,
            VpcAttributes: { VpcId: "vpc-123", VSwitchId: "vsw-123" },
            OperationLocks: { LockReason: [] },
          },
        ],
      },
      Disks: { Disk: [{ DiskId: "d-pasted-1", InstanceId: "i-pasted-1", Type: "system", Size: 60, Category: "cloud_auto", DeleteAutoSnapshot: true }] },
      Images: [{ ImageId: "m-pasted", Size: 40, OSType: "linux", Tags: { Tag: [{ TagKey: "diskops:resizable", TagValue: "false" }] } }],
      Snapshots: [{ SnapshotId: "s-pasted-1", SourceDiskId: "d-pasted-1", Status: "progressing", CompletesInSeconds: 10 }],
    }),
  );
  const emu = await start({ seed: seedFile });
  try {
    const ecs = sdk(emu);
    const inst = await describeInstance(ecs, "i-pasted-1");
    expect(inst).toMatchObject({ regionId: "cn-hangzhou", zoneId: "cn-hangzhou-h", status: "Stopped", instanceType: "ecs.c7.xlarge", cpu: 4 });
    expect(inst.vpcAttributes!.vpcId).toBe("vpc-123");
    const disk = await describeDisk(ecs, "d-pasted-1");
    expect(disk).toMatchObject({ size: 60, category: "cloud_auto", status: "In_use", deleteAutoSnapshot: true, encrypted: false });
    expect(emu.cloud.images.get("m-pasted")!.Resizable).toBe(false);
    const snap = await waitFor(
      async () => (await ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: "cn-hangzhou", diskId: "d-pasted-1" }))).body!.snapshots!.snapshot![0],
      (s) => s.status === "accomplished",
    );
    expect(snap.progress).toBe("100%");
  } finally {
    await emu.close();
  }
});

test("snapshots, images, tags, content versions and CreateSnapshot/CreateImage client tokens survive a restart", async () => {
  const stateFile = path.join(dir, "cloud.json");
  const createSnapshot = new $Ecs.CreateSnapshotRequest({ diskId: DEMO_IDS.disks.webSystem, clientToken: "persist-snap" });
  const first = await start({ stateFile, timeScale: 0 });
  let snapshotId: string;
  let imageId: string;
  let version: string;
  try {
    const ecs = sdk(first);
    version = first.cloud.disks.get(DEMO_IDS.disks.webSystem)!.ContentVersion;
    snapshotId = (await ecs.createSnapshot(createSnapshot)).body!.snapshotId!;
    await waitFor(() => first.cloud.snapshots.get(snapshotId)!.Status, (s) => s === "accomplished");
    imageId = (await ecs.createImage(new $Ecs.CreateImageRequest({ regionId: "cn-hangzhou", snapshotId, clientToken: "persist-image" }))).body!.imageId!;
    await ecs.tagResources(
      new $Ecs.TagResourcesRequest({ regionId: "cn-hangzhou", resourceType: "snapshot", resourceId: [snapshotId], tag: [new $Ecs.TagResourcesRequestTag({ key: "k", value: "v" })] }),
    );
  } finally {
    await first.close();
  }

  const second = await start({ stateFile });
  try {
    const ecs = sdk(second);
    expect((await ecs.createSnapshot(createSnapshot)).body!.snapshotId).toBe(snapshotId!);
    const image = await ecs.createImage(new $Ecs.CreateImageRequest({ regionId: "cn-hangzhou", snapshotId: snapshotId!, clientToken: "persist-image" }));
    expect(image.body!.imageId).toBe(imageId!);
    expect(second.cloud.snapshots.get(snapshotId!)).toMatchObject({ ContentVersion: version!, Tags: [{ TagKey: "k", TagValue: "v" }] });
    expect(second.cloud.images.get(imageId!)).toMatchObject({ ContentVersion: version!, SnapshotId: snapshotId! });
  } finally {
    await second.close();
  }
});
