// The README names only ids the emulator's demo fleet has, and its demo-fleet table lists every
// id of DEMO_IDS (what users get from `pulumi-alicloud-diskops/emulator`).
import { DEMO_FLEET, DEMO_IDS } from "../../emulator/demo-fleet";
import { readmeText } from "../support/readme";

const README = readmeText();

function fleetIds(): Set<string> {
  const ids = new Set<string>();
  const f = DEMO_FLEET as Record<string, Record<string, unknown>[] | undefined>;
  for (const [list, key] of [
    ["Instances", "InstanceId"], ["Disks", "DiskId"], ["Snapshots", "SnapshotId"],
    ["Images", "ImageId"], ["KeyPairs", "KeyPairName"], ["KmsKeys", "KeyId"],
  ] as const) {
    for (const item of f[list] ?? []) ids.add(String(item[key]));
  }
  return ids;
}

function leaves(o: unknown): string[] {
  return typeof o === "string" ? [o] : Object.values(o as object).flatMap(leaves);
}

/** The README's demo-fleet section: from its heading to the next heading. */
function demoFleetSection(): string {
  const start = README.search(/^### The demo fleet/m);
  expect(start).toBeGreaterThan(0);
  const rest = README.slice(README.indexOf("\n", start) + 1);
  const end = rest.search(/^#{1,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

test("every demo id the README names exists in the demo fleet", () => {
  const named = new Set(README.match(/\b(?:[sdi]-demo|kp-demo|kms-demo)[\w-]*|\bm-(?:ubuntu|debian|centos|win)[\w-]*/g) ?? []);
  expect(named.size).toBeGreaterThan(10);
  const fleet = fleetIds();
  expect([...named].filter((id) => !fleet.has(id)).sort()).toEqual([]);
});

test("the demo-fleet table lists every id of DEMO_IDS, and DEMO_IDS names only fleet resources", () => {
  const section = demoFleetSection();
  const ids = leaves(DEMO_IDS);
  expect(ids.filter((id) => !section.includes(`\`${id}\``))).toEqual([]);
  const fleet = fleetIds();
  expect(ids.filter((id) => !fleet.has(id))).toEqual([]);
});
