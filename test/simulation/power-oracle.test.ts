// The power oracle (simulation/oracle/power.ts) on hand-made histories: overlapping windows share
// one outcome, sequential ones do not, a failed participant asks for the state before.
import { acceptableFinals } from "../../simulation/oracle/power";
import type { AttemptRecord } from "../../simulation/history";
import type { ParticipantPlan, Policy } from "../../simulation/scenario";

const TIMEOUTS = { stop: "2m", restore: "5m", start: "2m" };

function segment(name: string, policy: Policy, kind: "success" | "failed" | "dead", start: number, end: number, extra: Record<string, unknown> = {}) {
  const participant = { name, kind: "DiskRestore", instance: 1, inputs: { powerPolicy: policy, timeouts: TIMEOUTS }, startMs: 0, attempts: [], retryOnFailure: false } as unknown as ParticipantPlan;
  const attempt = { participant, index: 0, name: `${name}#1`, skewMs: 0, mode: "create", start, end, calls: [], notes: [], dead: kind === "dead" } as unknown as AttemptRecord;
  return { attempt, kind, policy, unsettled: false, forgettable: false, mayHaveWished: false, effect: undefined, ...extra } as Parameters<typeof acceptableFinals>[1][number];
}

test("one participant: its policy decides", () => {
  expect([...acceptableFinals("Running", [segment("A", "restore", "success", 0, 10)])]).toEqual(["Running"]);
  expect([...acceptableFinals("Running", [segment("A", "leave-stopped", "success", 0, 10)])]).toEqual(["Stopped"]);
  expect([...acceptableFinals("Stopped", [segment("A", "start", "success", 0, 10)])]).toEqual(["Running"]);
  expect([...acceptableFinals("Stopped", [segment("A", "restore", "success", 0, 10)])]).toEqual(["Stopped"]);
});

test("a failed participant restores the state before, whatever its policy", () => {
  expect([...acceptableFinals("Running", [segment("A", "leave-stopped", "failed", 0, 10)])]).toEqual(["Running"]);
  expect([...acceptableFinals("Stopped", [segment("A", "start", "failed", 0, 10)])]).toEqual(["Stopped"]);
});

test("sequential windows do not share: the later one starts from what the earlier left", () => {
  const finals = acceptableFinals("Running", [segment("A", "leave-stopped", "success", 0, 10), segment("B", "restore", "success", 20, 30)]);
  expect([...finals]).toEqual(["Stopped"]);
});

test("overlapping windows may share one outcome (Running if anyone wants it) or follow each other", () => {
  const finals = acceptableFinals("Running", [segment("A", "leave-stopped", "success", 0, 30), segment("B", "restore", "success", 10, 20)]);
  expect([...finals].sort()).toEqual(["Running", "Stopped"]);
});

test("a fail-if-running success cannot have found its window Running", () => {
  expect([...acceptableFinals("Running", [segment("A", "fail-if-running", "success", 0, 10)])]).toEqual([]);
});

test("a dead process's own re-run must resume its window; its stop is undone unless another participant could forget it", () => {
  const dead = segment("A", "restore", "dead", 0, 5, { effect: "Stopped" });
  const rerun = { ...segment("A", "restore", "success", 100, 200), attempt: { ...dead.attempt, index: 1, name: "A#2", start: 100, end: 200, dead: false } };
  expect([...acceptableFinals("Running", [dead, rerun])]).toEqual(["Running"]);
  expect([...acceptableFinals("Running", [{ ...dead, forgettable: true }, rerun])].sort()).toEqual(["Running", "Stopped"]);
});
