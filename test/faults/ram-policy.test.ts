// The RAM policy in docs/credentials-and-ram.md is the least privilege the provider needs: every action the provider
// calls in a representative run (preview checks, both resources, a resumed run) must be in it.
// And without the tag actions the operations still run, with a warning that they are not crash-safe.
import * as fs from "fs";
import * as path from "path";
import { D, expectSettled, FaultLab, I, M, S, useFaultLab } from "./fault-lab";

jest.setTimeout(60_000);

const labOf = useFaultLab();
let lab: FaultLab;
beforeEach(() => {
  lab = labOf();
});

const POLICY_PAGE = "docs/credentials-and-ram.md";

function documentedPolicyActions(): Set<string> {
  const page = fs.readFileSync(path.join(__dirname, "..", "..", POLICY_PAGE), "utf8");
  const section = page.slice(page.indexOf("## RAM permissions"));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!json) throw new Error(`${POLICY_PAGE}: no JSON policy under ## RAM permissions`);
  const policy = JSON.parse(json);
  return new Set(policy.Statement.flatMap((st: any) => st.Action));
}

it("every action the provider calls is in the documented RAM policy", async () => {
  const plugin = await lab.plugin();
  try {
    await lab.create(plugin, "restore", { disks: [{ diskId: D.webData1, snapshotId: S.webData1 }] });
    await lab.create(plugin, "restore", { disks: [{ diskId: D.webData2, snapshotId: S.webData2 }], strategy: "batch" });
    await lab.create(plugin, "replace", { instanceId: I.web, imageId: M.ubuntu2404, keyPairName: "kp-demo" });
  } finally {
    await plugin.close();
  }
  const called = new Set((await lab.calls()).map((c) => c.Action));
  // The representative run did use the record.
  expect([...called]).toEqual(expect.arrayContaining(["TagResources", "UntagResources", "ListTagResources", "StopInstance", "ResetDisk", "ResetDisks", "ReplaceSystemDisk"]));
  const allowed = documentedPolicyActions();
  expect([...called].map((a) => `ecs:${a}`).filter((a) => !allowed.has(a))).toEqual([]);
});

it("tag actions denied by RAM: preview warns it is not crash-safe, the apply still runs and restores power", async () => {
  await lab.fault(["ListTagResources", "TagResources", "UntagResources"].map((Action) => ({ Action, Code: "Forbidden.RAM", Probability: 1 })));
  const plugin = await lab.plugin();
  try {
    const urn = "urn:pulumi:test::faults::pulumi-nodejs:dynamic/diskops:DiskRestore::restore";
    const news = { __provider: lab.shims.restore, disks: [{ diskId: D.webData1, snapshotId: S.webData1 }] };
    const checked = await plugin.check(urn, {}, news);
    expect(checked.failures).toEqual([]);
    expect((checked.inputs.plan as string[]).join("\n")).toMatch(/not crash-safe/);
    const created = await plugin.create(urn, checked.inputs);
    expect(created.properties.instanceStatusAfter).toBe("Running");
    expect(plugin.output()).toMatch(/not crash-safe/);
    expect(FaultLab.effective(await lab.calls(), "TagResources")).toEqual([]);
    await expectSettled(lab, { status: "Running", disks: [[D.webData1, S.webData1]] });
  } finally {
    await plugin.close();
  }
});
