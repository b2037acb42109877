// Benchmark 6: faults survived. Runs the fault suite (test/faults: SIGKILL at every step boundary,
// lost answers, several processes on one instance, random faults, RAM denial) through the real
// plugin processes and the emulator, and tabulates each case's outcome from the report the suite
// writes (DISKOPS_FAULTS_REPORT): power state after, replacements, ECS calls, faults hit, time.
// The figures come from the suite itself, so the table and the tests cannot disagree.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LiveTable, type BenchResult } from "./support/report";

interface Outcome {
  scenario: string;
  statusAfter: string;
  replacements: number;
  calls: number;
  faultsHit: number;
  ms: number;
}

export async function benchFaultsSurvived(): Promise<BenchResult> {
  const root = path.resolve(__dirname, "..", "..");
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "diskops-faults-")), "outcomes.jsonl");
  const jest = path.join(root, "node_modules", "jest", "bin", "jest.js");
  const run = spawnSync(process.execPath, [jest, "test/faults", "--maxWorkers=1"], {
    cwd: root,
    env: { ...process.env, DISKOPS_FAULTS_REPORT: report },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = /Tests:\s+(.*)/.exec(run.stderr ?? "")?.[1]?.trim() ?? "no summary";
  if (run.status !== 0) throw new Error(`the fault suite failed (${summary}):\n${(run.stderr ?? "").slice(-4000)}`);
  const outcomes: Outcome[] = fs.readFileSync(report, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));

  const table = new LiveTable(["Scenario", "Power state after", "Replacements", "ECS calls", "Faults hit", "Time (s)"]);
  for (const o of outcomes) table.add([o.scenario, o.statusAfter, o.replacements, o.calls, o.faultsHit, (o.ms / 1000).toFixed(1)]);
  const sum = (f: (o: Outcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  const asPromised = outcomes.filter((o) => o.statusAfter === "Running").length;
  table.add([
    `**Total: ${outcomes.length} scenarios**`,
    `${asPromised}/${outcomes.length} Running as promised`,
    `${sum((o) => o.replacements)} (max 1 each)`,
    sum((o) => o.calls),
    sum((o) => o.faultsHit),
    (sum((o) => o.ms) / 1000).toFixed(1),
  ]);
  return {
    id: "faults-survived",
    title: "6. Faults survived",
    method:
      "`test/faults/` run through real dynamic-provider plugin processes against the emulator at time scale 0.05 " +
      "(`node dist/bench/run.js faults-survived --write` runs `jest test/faults` with DISKOPS_FAULTS_REPORT set). " +
      "A row is written only after the case passed every check: the instance in the power state its policy promises " +
      "(all cases start from a Running instance with powerPolicy restore, or one participant leave-stopped), every disk's " +
      "SourceSnapshotId the snapshot asked for, at most one replacement (every system disk the instance had is watched), " +
      "and no `diskops:` tag left. ECS calls count every API call the emulator logged in the case (both processes, " +
      "retries, tag calls); time includes starting the plugin processes.",
    tables: [table],
    notes: [`jest: ${summary}`, "SIGKILL cases: the first process is killed at the boundary, a fresh one runs the same create again."],
    headline: [`Faults survived: ${outcomes.length} scenarios, ${asPromised} ended Running as promised, ${sum((o) => o.replacements)} replacements for ${outcomes.filter((o) => o.replacements > 0).length} replacing scenarios, no tag left`],
    data: { outcomes },
  };
}
