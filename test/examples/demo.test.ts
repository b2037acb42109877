// `npm run demo` as the README shows it (CI=true): exit code 0, every step, and the end state of
// the emulated cloud in the output and in the persisted emulator state. Run with --ignore-scripts:
// `pretest` has built dist/ already, and rebuilding it here (predemo) would rewrite files that
// other test files are loading at the same time.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { DEMO_CHANGE } from "../../examples/demo/run-demo";
import { packageRoot } from "../../provider/testing/package-root";

const ROOT = packageRoot();

function npmRunDemo(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // A faster emulator clock than the demo's default keeps this test short.
    const env = { ...process.env, CI: "true", NO_COLOR: "1", DISKOPS_DEMO_TIME_SCALE: "0.01" };
    const child = spawn("npm", ["run", "demo", "--ignore-scripts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("close", (code) => resolve({ code, output }));
  });
}

test("npm run demo walks the quickstart through preview, up, change, up, destroy and shows the cloud", async () => {
  const stackFile = path.join(ROOT, "Pulumi.demo.yaml");
  const stackFileBefore = fs.readFileSync(stackFile, "utf8");

  const { code, output } = await npmRunDemo();
  if (code !== 0) console.error(output);
  expect(code).toBe(0);

  // Every step, in order, each followed by the cloud table.
  const headers = ["1/5 preview", "2/5 up", "3/5 change", "4/5 up", "5/5 destroy", "done in"].map((h) => output.indexOf(h));
  expect(headers.every((at) => at >= 0)).toBe(true);
  expect([...headers].sort((a, b) => a - b)).toEqual(headers);
  expect(output.match(/The emulated cloud now/g)).toHaveLength(5);
  expect(output).toMatch(/Pulumi CLI|no Pulumi CLI available/);

  // What the resources did, as the tables and change lists show it.
  const [, afterFirstUp, afterChangeUp] = output.split(/━━ [245]\/5 /);
  expect(afterFirstUp).toContain(`was rolled back to snapshot ${DEMO_IDS.snapshots.webData1}`);
  expect(afterFirstUp).toMatch(/StopInstance .*ReplaceSystemDisk.* StartInstance/);
  expect(afterChangeUp).toContain(`was rolled back to snapshot ${DEMO_CHANGE.dataSnapshotId}`);
  expect(afterChangeUp).toContain(`runs image ${DEMO_CHANGE.webImageId}`);

  // The end state, persisted by the emulator in the demo folder.
  const saved = JSON.parse(fs.readFileSync(path.join(ROOT, ".demo", "emulator-state.json"), "utf8"));
  const web = saved.Instances.find((i: any) => i.InstanceId === DEMO_IDS.instances.web);
  expect(web).toMatchObject({ Status: "Running", ImageId: DEMO_CHANGE.webImageId });
  const data1 = saved.Disks.find((d: any) => d.DiskId === DEMO_IDS.disks.webData1);
  expect(data1.SourceSnapshotId).toBe(DEMO_CHANGE.dataSnapshotId);
  const finalTable = output.slice(output.lastIndexOf("The emulated cloud now"));
  expect(finalTable).toContain(DEMO_CHANGE.dataSnapshotId);
  expect(finalTable).toContain(DEMO_CHANGE.webImageId);

  // The stack file the user keeps in git is as it was.
  expect(fs.readFileSync(stackFile, "utf8")).toBe(stackFileBefore);
}, 120_000);
