// Every tested row besides the default one (tested-versions.ts: an @pulumi/pulumi version, perhaps
// another Node; the default row is the rest of the suite's, quickstart.test.ts included) runs the
// same two programs through the pinned CLI and language host, installed from the packed tarball:
// - TypeScript: examples/quickstart from its own folder, with the region and the access key pair
//   only in the stack config (the key secret encrypted): preview, up, refresh, destroy. Nothing in
//   the environment names a region or a key, so this passes only where the SDK's dynamic-provider
//   host hands the stack config to configure() (3.139.0 and later).
// - JavaScript: a DiskRestore whose program reports the Node and @pulumi/pulumi it ran on.
import { DEMO_ACCESS_KEY, DEMO_IDS } from "../../emulator";
import { startTestCloud, type TestCloud } from "../lifecycle/emulator-env";
import { CliStack } from "./support/cli-stack";
import { sharedInstall } from "./support/packed-package";
import { DEFAULT_ROW, SDK_ROWS } from "./support/tested-versions";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const IMG = DEMO_IDS.images;

const JS_PROGRAM = `
const { DiskRestore } = require("pulumi-alicloud-diskops");
const r = new DiskRestore("data-rollback", { disks: [{ diskId: "${D.webData2}", snapshotId: "${S.webData2}" }] });
exports.results = r.results;
exports.node = process.version;
exports.sdk = require("@pulumi/pulumi/package.json").version;
`;

/** No region and no key in the environment: only the stack config can supply them. */
const NO_ENV_SETTINGS = { ALIBABA_CLOUD_REGION_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined };

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ timeScale: 0.02 });
});
afterAll(() => cloud?.close());

const mutating = async (from: number) => (await cloud.calls()).slice(from).filter((c) => c.HttpStatus < 400 && ["StopInstance", "StartInstance", "ResetDisk", "ResetDisks", "ReplaceSystemDisk"].includes(c.Action)).map((c) => c.Action);

describe.each(SDK_ROWS.filter((row) => row !== DEFAULT_ROW).map((row) => [row.label, row] as const))("row %s", (label, row) => {
  const stacks: CliStack[] = [];
  beforeAll(async () => {
    await fetch(`${cloud.url}/__emulator/reset-state`, { method: "POST" });
  });
  afterAll(() => stacks.forEach((s) => s.cleanup()));

  test(`@pulumi/pulumi ${row.sdk}${row.node ? `, Node ${row.node}` : ""}: the TypeScript quickstart with settings from the stack config only: preview, up, refresh, destroy`, async () => {
    expect(sharedInstall(label).sdkVersion).toBe(row.sdk);
    const stack = await CliStack.create({
      project: `qs-${label}`, cloudUrl: cloud.url, row: label, env: NO_ENV_SETTINGS,
      config: { "alicloud:accessKey": DEMO_ACCESS_KEY.AccessKeyId }, secretConfig: { "alicloud:secretKey": DEMO_ACCESS_KEY.AccessKeySecret },
    });
    stacks.push(stack);
    const preview = await stack.preview();
    expect(preview.output).toContain(`reset ${D.webData1} -> snapshot ${S.webData1} (ResetDisk)`);
    expect(preview.output).toMatch(/\+ 3 to create/);

    const mark = (await cloud.calls()).length;
    const up = await stack.up();
    expect(up.output).toMatch(/\+ 3 created/);
    expect(await mutating(mark)).toEqual(expect.arrayContaining(["StopInstance", "ResetDisk", "ReplaceSystemDisk", "StartInstance"]));
    expect((await cloud.disk(D.webData1)).SourceSnapshotId).toBe(S.webData1);
    const system = (await cloud.state()).Disks.find((d: any) => d.InstanceId === I.web && d.Type === "system");
    expect(system).toMatchObject({ ImageId: IMG.ubuntu2204, Size: 60 });
    // The secret key was used, never written in the clear.
    const { text } = await stack.exportState();
    expect(text).not.toContain(DEMO_ACCESS_KEY.AccessKeySecret);

    const refresh = await stack.refresh();
    expect(refresh.output).toMatch(/3 unchanged/);
    const destroyMark = (await cloud.calls()).length;
    expect((await stack.destroy()).output).toMatch(/3 deleted/);
    expect(await mutating(destroyMark)).toEqual([]);
  });

  test(`@pulumi/pulumi ${row.sdk}${row.node ? `, Node ${row.node}` : ""}: a JavaScript program runs on the row's Node and SDK`, async () => {
    const stack = await CliStack.create({ project: `js-${label}`, cloudUrl: cloud.url, row: label, programSource: JS_PROGRAM });
    stacks.push(stack);
    await stack.up();
    const outputs = JSON.parse((await stack.run(["stack", "output", "--json"])).output);
    expect(outputs.sdk).toBe(row.sdk);
    expect(outputs.node).toBe(sharedInstall(label).nodeVersion);
    if (row.node) expect(outputs.node).toMatch(new RegExp(`^v${row.node.split(".")[0]}\\.`));
    expect(outputs.results).toMatchObject([{ diskId: D.webData2, snapshotId: S.webData2, status: "Success" }]);
  });
});
