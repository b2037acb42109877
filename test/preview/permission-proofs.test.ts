// Proving a mutating action's permission (provider/common/permission-proofs.ts): one DryRun per
// region and action per process; for a fleet as large as the action's flow control admits per
// minute, no DryRun at all (it would take a slot the fleet needs) and one resource goes first at
// apply (the canary) while the others wait before stopping anything.
import { canaryGate, noteProofDemand, proveOnce } from "../../provider/common/permission-proofs";
import type { EcsApi } from "../../provider/ecs/api";

const api = () => ({}) as EcsApi;
const dryRun = () => jest.fn(async () => "proved");

test("a handful of checks share one DryRun, and its proof", async () => {
  const a = api();
  const send = dryRun();
  for (let i = 0; i < 5; i++) noteProofDemand(a, "r", "ResetDisk");
  const results = await Promise.all(Array.from({ length: 5 }, () => proveOnce(a, "r", "ResetDisk", send, () => true)));
  expect(send).toHaveBeenCalledTimes(1);
  expect(results.filter((r) => "sent" in r)).toHaveLength(1);
  expect(results.filter((r) => "reused" in r)).toHaveLength(4);
  // No deferral, so the apply's gate lets everyone through at once.
  expect((await canaryGate(a, "r", "ResetDisk")).canary).toBe(false);
});

test("500 checks of ResetDisk in a minute: no DryRun, the proof is left to the apply's first call", async () => {
  const a = api();
  const send = dryRun();
  for (let i = 0; i < 500; i++) noteProofDemand(a, "r", "ResetDisk");
  const results = await Promise.all(Array.from({ length: 500 }, () => proveOnce(a, "r", "ResetDisk", send, () => true)));
  expect(send).not.toHaveBeenCalled();
  expect(results.every((r) => "deferred" in r)).toBe(true);
  // ReplaceSystemDisk's own limit (200) is not reached by ResetDisk's demand.
  expect("sent" in (await proveOnce(a, "r", "ReplaceSystemDisk", dryRun(), () => true))).toBe(true);
});

test("a fleet whose checks arrive one after another is counted whole before the proof decides", async () => {
  const a = api();
  const send = dryRun();
  // The first check reaches its DryRun before the other 499 arrived (as in a plugin taking 500 checks).
  noteProofDemand(a, "r", "ResetDisk");
  const first = proveOnce(a, "r", "ResetDisk", send, () => true);
  for (let i = 1; i < 500; i++) {
    await new Promise((r) => setTimeout(r, 1));
    noteProofDemand(a, "r", "ResetDisk");
  }
  expect("deferred" in (await first)).toBe(true);
  expect(send).not.toHaveBeenCalled();
});

test("at apply one goes first; the others pass once its call was accepted", async () => {
  const a = api();
  for (let i = 0; i < 500; i++) noteProofDemand(a, "r", "ResetDisk");
  await proveOnce(a, "r", "ResetDisk", dryRun(), () => true);
  const first = await canaryGate(a, "r", "ResetDisk");
  expect(first.canary).toBe(true);
  let passed = 0;
  const others = Array.from({ length: 3 }, () => canaryGate(a, "r", "ResetDisk").then((g) => (passed++, g)));
  await new Promise((r) => setImmediate(r));
  expect(passed).toBe(0); // waiting for the canary
  first.report("proven");
  const gates = await Promise.all(others);
  expect(gates.every((g) => !g.canary)).toBe(true);
});

test("a canary refused for lack of permission stops the others before they touch anything", async () => {
  const a = api();
  for (let i = 0; i < 500; i++) noteProofDemand(a, "r", "ResetDisk");
  await proveOnce(a, "r", "ResetDisk", dryRun(), () => true);
  const first = await canaryGate(a, "r", "ResetDisk");
  const second = canaryGate(a, "r", "ResetDisk");
  first.report("denied", "Forbidden.RAM (HTTP 403): not authorized");
  await expect(second).rejects.toThrow(/first ResetDisk of this deployment in r was refused for lack of permission .*Forbidden\.RAM.*nothing was changed.*Grant ecs:ResetDisk/);
});

test("an inconclusive canary (it failed before its call) lets the next one go first", async () => {
  const a = api();
  for (let i = 0; i < 500; i++) noteProofDemand(a, "r", "ResetDisk");
  await proveOnce(a, "r", "ResetDisk", dryRun(), () => true);
  const first = await canaryGate(a, "r", "ResetDisk");
  const second = canaryGate(a, "r", "ResetDisk");
  first.report("inconclusive");
  expect((await second).canary).toBe(true);
});
