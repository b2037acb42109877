// The docs name only ids the emulator's demo fleet has, and the demo-fleet table of
// docs/emulator.md lists every id of DEMO_IDS (what users get from `pulumi-alicloud-diskops/emulator`).
import { DEMO_FLEET, DEMO_IDS } from "../../emulator/demo-fleet";
import { docPages, pageText } from "../support/markdown";

const PAGE = "docs/emulator.md";
const ID = /\b(?:[sdi]-demo|kp-demo|kms-demo)[\w-]*|\bm-(?:ubuntu|debian|centos|win)[\w-]*/g;

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

/** The emulator page's demo-fleet section: from its heading to the next heading. */
function demoFleetSection(): string {
  const text = pageText(PAGE);
  const start = text.search(/^## The demo fleet/m);
  expect(start).toBeGreaterThan(0);
  const rest = text.slice(text.indexOf("\n", start) + 1);
  const end = rest.search(/^#{1,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

test("every demo id the pages name exists in the demo fleet", () => {
  const fleet = fleetIds();
  const named = docPages().flatMap((p) => (pageText(p).match(ID) ?? []).map((id) => ({ page: p, id })));
  expect(new Set(named.map((n) => n.id)).size).toBeGreaterThan(10);
  expect(named.filter((n) => !fleet.has(n.id)).map((n) => `${n.page}: ${n.id}`).sort()).toEqual([]);
});

test("the demo-fleet table lists every id of DEMO_IDS, and DEMO_IDS names only fleet resources", () => {
  const section = demoFleetSection();
  const ids = leaves(DEMO_IDS);
  expect(ids.filter((id) => !section.includes(`\`${id}\``))).toEqual([]);
  const fleet = fleetIds();
  expect(ids.filter((id) => !fleet.has(id))).toEqual([]);
});
