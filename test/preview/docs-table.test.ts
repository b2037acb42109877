// docs/PREVIEW.md's "which input changes do what" tables say what the change tables do.
import * as fs from "fs";
import * as path from "path";
import { DISK_RESTORE_CHANGES } from "../../provider/disk-restore/changes";
import { SYSTEM_DISK_CHANGES } from "../../provider/system-disk-replacement/changes";
import type { ChangeTable, Verdict } from "../../provider/common/changes";

const doc = fs.readFileSync(path.join(__dirname, "../../docs/PREVIEW.md"), "utf8");

/** Rows of the table after the bold heading: key -> verdicts the doc gives it. */
function documented(heading: string): Map<string, Set<Verdict>> {
  const section = doc.slice(doc.indexOf(`**${heading}**`)).split("\n\n")[1];
  const out = new Map<string, Set<Verdict>>();
  for (const row of section.split("\n").slice(2)) {
    const [, inputs, meaning] = row.split("|").map((c) => c.trim());
    const verdict: Verdict = meaning.startsWith("replace") ? "replace" : meaning.includes("settings recorded") ? "settings" : "rerun";
    for (const [, key] of inputs.matchAll(/`(\w+)`/g)) out.set(key, new Set([...(out.get(key) ?? []), verdict]));
  }
  return out;
}

test.each<[string, ChangeTable]>([
  ["DiskRestore", DISK_RESTORE_CHANGES],
  ["SystemDiskReplacement", SYSTEM_DISK_CHANGES],
])("%s: every input is documented with its verdict", (heading, table) => {
  const rows = documented(heading);
  expect([...rows.keys()].sort()).toEqual(Object.keys(table).sort());
  for (const [key, rule] of Object.entries(table)) expect([...rows.get(key)!]).toContain(rule.verdict);
  // disks is both: another set replaces, new snapshots re-run.
  if (heading === "DiskRestore") expect([...rows.get("disks")!].sort()).toEqual(["replace", "rerun"]);
});
