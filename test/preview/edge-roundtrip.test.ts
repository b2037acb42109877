// No spurious diff: a program registered with the real resource classes goes through the real
// plugin Check -> Create -> Check again (identical inputs) -> Diff, then Read (refresh) -> Diff,
// and against state written by an older version. Every optional input set, and none set.
import * as pulumi from "@pulumi/pulumi";
import { DiskRestore, SystemDiskReplacement } from "../../provider";
import { captureRegistrations } from "../support/capture-provider";
import { ProviderPlugin, startPlugin, unwrapSecrets } from "../support/plugin-harness";
import { DEMO_IDS } from "../../emulator/demo-fleet";
import { PreviewEmulator, callsSince, startPreviewEmulator } from "./support";

const { instances: I, disks: D, snapshots: S, images: M } = DEMO_IDS;
const NONE = { changes: "none", replaces: [], deleteBeforeReplace: false };

let emu: PreviewEmulator;
let plugin: ProviderPlugin;

beforeAll(async () => {
  emu = await startPreviewEmulator();
  plugin = await startPlugin({ env: emu.env });
  await plugin.configure({ "alicloud:region": "cn-hangzhou" });
});
afterAll(async () => {
  await plugin?.close();
  await emu?.close();
});

const urnOf = (type: string, name: string) => `urn:pulumi:test::proj::${type}::${name}`;

/** Registers one resource with the real class and returns what the engine would send the plugin. */
async function registered(make: () => pulumi.Resource): Promise<{ urn: string; news: Record<string, unknown> }> {
  const [reg] = await captureRegistrations(() => [make()]);
  // The engine strips secrets for a provider that does not accept them (the dynamic one does not).
  return { urn: urnOf(reg.type, reg.name), news: unwrapSecrets(reg.inputs) };
}

async function roundTrip(make: () => pulumi.Resource) {
  const { urn, news } = await registered(make);
  const first = await plugin.check(urn, {}, news);
  expect(first.failures).toEqual([]);
  const created = await plugin.create(urn, first.inputs);
  expect(created.id).not.toBe("");
  const before = (await emu.calls()).length;
  // The next preview: Check gets the old inputs, Diff the old outputs.
  const second = await plugin.check(urn, first.inputs, news);
  expect(second.failures).toEqual([]);
  expect(second.inputs.plan).toEqual(["no change: nothing to do in ECS"]);
  expect(await plugin.diff(created.id, urn, created.properties, second.inputs)).toEqual(NONE);
  // Refresh, then the next preview again.
  const read = await plugin.read(created.id, urn, created.properties);
  expect(read.id).toBe(created.id);
  expect(read.inputs).toBeUndefined();
  expect(read.properties).toEqual(created.properties);
  const third = await plugin.check(urn, first.inputs, news);
  expect(await plugin.diff(created.id, urn, read.properties, third.inputs)).toEqual(NONE);
  // Nothing but Describe* from the second check on (preflight is not run for an unchanged resource).
  expect((await callsSince(emu, before)).filter((c) => !c.Action.startsWith("Describe"))).toEqual([]);
  return { urn, news, first, created };
}

describe("DiskRestore", () => {
  test("no optional input: check, create, check, diff, read, diff -> no change", async () => {
    await roundTrip(() => new DiskRestore("dr-min", { disks: [{ diskId: D.webData1, snapshotId: S.webData1 }] }));
  });

  test("every optional input: no change, also against outputs of an older version", async () => {
    const { urn, news, created } = await roundTrip(
      () =>
        new DiskRestore("dr-max", {
          disks: [{ diskId: D.batchSystem, snapshotId: S.batchSystem }],
          instanceId: I.batch,
          regionId: "cn-hangzhou",
          powerPolicy: "leave-stopped",
          forceStop: true,
          stoppedMode: "StopCharging",
          strategy: "batch",
          preflight: true,
          timeouts: { stop: "2m", restore: 900, start: "1h30m" },
          triggers: { at: "2025-03-01", n: 2 },
        }),
    );
    const { plan: _p, requestIds: _r, results: _res, stoppedMode: _s, ...older } = created.properties as Record<string, unknown>;
    const checked = await plugin.check(urn, {}, news);
    expect(await plugin.diff(created.id, urn, { ...older, stoppedMode: "StopCharging" }, checked.inputs)).toEqual(NONE);
  });

  test("disks given as outputs of another resource (resolved) and timeouts with defaults written out", async () => {
    await roundTrip(
      () =>
        new DiskRestore("dr-outputs", {
          disks: pulumi.output([{ diskId: pulumi.output(D.webData2), snapshotId: S.webData2 }]),
          timeouts: { stop: 300, restore: "20m", start: "5m" },
          triggers: {},
        }),
    );
  });
});

describe("SystemDiskReplacement", () => {
  test("no optional input: no change", async () => {
    await roundTrip(() => new SystemDiskReplacement("sd-min", { instanceId: I.batch, imageId: M.ubuntu2404 }));
  });

  test("every optional input (password): no change; the password never reaches the plugin's output", async () => {
    const password = "Edge-Pa55word!";
    await roundTrip(
      () =>
        new SystemDiskReplacement("sd-max", {
          instanceId: I.batch,
          imageId: M.ubuntu2204,
          systemDiskSize: 60,
          password,
          passwordInherit: false,
          encrypted: true,
          kmsKeyId: DEMO_IDS.kmsKeys.enabled,
          securityEnhancementStrategy: "Deactive",
          useAdditionalService: true,
          regionId: "cn-hangzhou",
          powerPolicy: "start",
          forceStop: true,
          stoppedMode: "KeepCharging",
          preflight: true,
          timeouts: { stop: 120, replace: "45m", start: "10m" },
          triggers: ["v1"],
        }),
    );
    expect(plugin.output()).not.toContain(password);
  });

  test("key pair login: no change after create and refresh", async () => {
    await roundTrip(() => new SystemDiskReplacement("sd-kp", { instanceId: I.web, imageId: M.ubuntu2404, keyPairName: "kp-demo", systemDiskSize: 40 }));
  });
});
