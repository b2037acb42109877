// No credentials anywhere (no keys in the environment or config, an empty HOME, no metadata
// service): preview (Check) and apply (Create) through the REAL plugin fail with a message that
// names what to set (the environment variables and the Pulumi config keys), and nothing reaches
// ECS. Needs `npm run build` first (the plugin loads the built package).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DiskRestore, SystemDiskReplacement } from "../../provider";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { captureProvider } from "../support/capture-provider";
import { startPlugin, type ProviderPlugin } from "../support/plugin-harness";
import { URN } from "./support";

const WHAT_TO_SET = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "alicloud:accessKey",
  "alicloud:secretKey",
];

let emu: RunningEmulator;
let plugin: ProviderPlugin;
let home: string;
const shim: Record<string, string> = {};

beforeAll(async () => {
  emu = await startEmulator({ timeScale: 0.01 });
  home = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-nocreds-"));
  shim.DiskRestore = await captureProvider(() => new DiskRestore("r", { disks: [{ diskId: "d-1", snapshotId: "s-1" }] }));
  shim.SystemDiskReplacement = await captureProvider(() => new SystemDiskReplacement("s", { instanceId: "i-1", imageId: "m-1" }));
  const env: Record<string, string | undefined> = {};
  for (const name of Object.keys(process.env)) if (/^(ALIBABA_CLOUD_|ALICLOUD_)/.test(name)) env[name] = undefined;
  plugin = await startPlugin({
    env: {
      ...env,
      // The default chain's other sources: profiles under HOME (empty) and the ECS metadata service (off).
      HOME: home,
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
      ALIBABA_CLOUD_ECS_ENDPOINT: emu.url,
      DISKOPS_RETRY_MIN_MS: "10",
      DISKOPS_RETRY_MAX_MS: "50",
    },
  });
  await plugin.configure({ "alicloud:region": "cn-hangzhou" });
});

afterAll(async () => {
  await plugin?.close();
  await emu?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

function expectNamesWhatToSet(message: string): void {
  expect(message).toContain("(MissingCredentials)");
  for (const name of WHAT_TO_SET) expect(message).toContain(name);
  expect(message).not.toContain("ECS console");
}

test("preview of a DiskRestore: one failure on disks naming the variables and config keys", async () => {
  const news = { disks: [{ diskId: DEMO_IDS.disks.webData1, snapshotId: DEMO_IDS.snapshots.webData1 }], __provider: shim.DiskRestore };
  const r = await plugin.check(URN.DiskRestore, {}, news);
  expect(r.failures).toHaveLength(1);
  expect(r.failures[0].property).toBe("disks");
  expect(r.failures[0].reason).toMatch(/^preflight could not read ECS \(Describe\w+\): No Alibaba Cloud credentials found/);
  expectNamesWhatToSet(r.failures[0].reason);
});

test("preview of a SystemDiskReplacement: the same, on instanceId", async () => {
  const news = { instanceId: DEMO_IDS.instances.web, imageId: DEMO_IDS.images.ubuntu2404, __provider: shim.SystemDiskReplacement };
  const r = await plugin.check(URN.SystemDiskReplacement, {}, news);
  expect(r.failures.map((f) => f.property)).toEqual(["instanceId"]);
  expectNamesWhatToSet(r.failures[0].reason);
});

test("an apply without a preview fails before anything is stopped, with the same message", async () => {
  const inputs = { disks: [{ diskId: DEMO_IDS.disks.webData1, snapshotId: DEMO_IDS.snapshots.webData1 }], __provider: shim.DiskRestore };
  const err: Error = await plugin.create(URN.DiskRestore, inputs).then(() => new Error("create succeeded"), (e) => e);
  expectNamesWhatToSet(err.message);
});

test("nothing reached ECS", () => {
  expect(emu.calls()).toEqual([]);
});
