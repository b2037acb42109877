// Fault injection beyond error/reset/hang: lost answers (drop-response), random faults
// (Probability, repeatable with a Seed or the emulator's random seed), strict payloads with an
// echo of the stored fault, and the Fault mark in the call log.
import type { RunningEmulator } from "../../emulator";
import { DEMO_IDS } from "../../emulator";
import { $Ecs, REGION, admin, describeInstance, expectEcsError, sdk, start, waitInstanceStatus } from "./support/harness";

const I = DEMO_IDS.instances;
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;

beforeAll(async () => {
  emu = await start();
  ecs = sdk(emu);
});
afterAll(() => emu.close());
beforeEach(async () => {
  await admin(emu, "DELETE", "faults");
  await admin(emu, "POST", "reset-state");
  await admin(emu, "DELETE", "calls");
});

const describeRegions = (client = ecs) => client.describeRegions(new $Ecs.DescribeRegionsRequest({}));
const networkError = (p: Promise<unknown>) => p.then(() => undefined, (e: Error & { code?: string }) => String(e.code ?? e.message));

/** "ok" / "fail" for each of n DescribeRegions calls. */
async function outcomes(target: RunningEmulator, n: number): Promise<string[]> {
  const client = sdk(target);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(await describeRegions(client).then(() => "ok", () => "fail"));
  return out;
}

describe('Mode "drop-response"', () => {
  test("the request is carried out, but the SDK gets no answer (a network error)", async () => {
    await admin(emu, "POST", "faults", { Action: "StopInstance", Mode: "drop-response" });
    const err = await networkError(ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: I.web })));
    expect(err).toMatch(/ECONNRESET|socket hang up/i);
    // The stop happened all the same.
    expect(["Stopping", "Stopped"]).toContain((await describeInstance(ecs, I.web)).status);
    await waitInstanceStatus(ecs, I.web, "Stopped");
    const [call] = emu.calls().filter((c) => c.Action === "StopInstance");
    expect(call).toMatchObject({ HttpStatus: 200, Fault: "drop-response" });
  });

  test("an error answer is lost too, and logged with the code it would have had", async () => {
    await admin(emu, "POST", "faults", { Action: "StartInstance", Mode: "drop-response" });
    expect(await networkError(ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: I.web })))).toMatch(/ECONNRESET|socket hang up/i);
    expect(emu.calls().find((c) => c.Action === "StartInstance")).toMatchObject({ HttpStatus: 403, Code: "IncorrectInstanceStatus", Fault: "drop-response" });
  });

  test("a retry with the same ClientToken after a lost answer gets the first replacement, not a second one", async () => {
    await admin(emu, "POST", "faults", { Action: "ReplaceSystemDisk", Mode: "drop-response" });
    const req = () =>
      ecs.replaceSystemDisk(new $Ecs.ReplaceSystemDiskRequest({ instanceId: I.batch, imageId: DEMO_IDS.images.ubuntu2404, passwordInherit: true, clientToken: "lost-1" }));
    const before = new Set(emu.cloud.disks.keys());
    const newDisks = () => [...emu.cloud.disks.keys()].filter((id) => !before.has(id));
    expect(await networkError(req())).toMatch(/ECONNRESET|socket hang up/i);
    expect(newDisks()).toHaveLength(1); // the replacement started
    const retry = await req();
    expect(retry.body!.diskId).toBe(newDisks()[0]);
    expect(newDisks()).toHaveLength(1);
  });
});

describe("Probability and Seed", () => {
  test("with a Seed the same sequence comes twice, about half failing, and the fault lasts until cleared", async () => {
    const fault = { Action: "DescribeRegions", Code: "ServiceUnavailable", HttpStatus: 503, Probability: 0.5, Seed: 7 };
    await admin(emu, "POST", "faults", fault);
    const first = await outcomes(emu, 60);
    expect((await admin(emu, "GET", "faults")).body).toEqual([fault]); // no Count: still there
    await admin(emu, "DELETE", "faults");
    expect(await outcomes(emu, 5)).toEqual(Array(5).fill("ok"));
    await admin(emu, "POST", "faults", fault);
    const second = await outcomes(emu, 60);
    expect(second).toEqual(first);
    const failures = first.filter((o) => o === "fail").length;
    expect(failures).toBeGreaterThanOrEqual(18);
    expect(failures).toBeLessThanOrEqual(42);
    // Every failure is an injected one in the call log.
    expect(emu.calls().filter((c) => c.HttpStatus === 503).every((c) => c.Fault === "error")).toBe(true);
  });

  test("another Seed gives another sequence; Probability 0 never fires, 1 always", async () => {
    const base = { Action: "DescribeRegions", Code: "ServiceUnavailable", Probability: 0.5 };
    await admin(emu, "POST", "faults", { ...base, Seed: 1 });
    const one = await outcomes(emu, 40);
    await admin(emu, "DELETE", "faults");
    await admin(emu, "POST", "faults", { ...base, Seed: 2 });
    expect(await outcomes(emu, 40)).not.toEqual(one);
    await admin(emu, "DELETE", "faults");
    await admin(emu, "POST", "faults", { ...base, Probability: 0 });
    expect(await outcomes(emu, 10)).toEqual(Array(10).fill("ok"));
    await admin(emu, "DELETE", "faults");
    await admin(emu, "POST", "faults", { ...base, Probability: 1 });
    expect(await outcomes(emu, 10)).toEqual(Array(10).fill("fail"));
  });

  test("with Count, a random fault stops after Count hits", async () => {
    await admin(emu, "POST", "faults", { Action: "DescribeRegions", Mode: "reset", Probability: 0.5, Seed: 3, Count: 4 });
    const seen = await outcomes(emu, 60);
    expect(seen.filter((o) => o === "fail")).toHaveLength(4);
    expect((await admin(emu, "GET", "faults")).body).toEqual([]);
    expect(emu.calls().filter((c) => c.Fault === "reset")).toHaveLength(4);
  });

  test("without a Seed, the emulator's random seed makes the run repeatable (and the POST echoes the Seed it used)", async () => {
    const fault = { Action: "DescribeRegions", Mode: "reset", Probability: 0.3 };
    const runs: { seed: unknown; seen: string[] }[] = [];
    for (let i = 0; i < 2; i++) {
      const other = await start({ randomSeed: 12345 });
      try {
        const posted = await admin(other, "POST", "faults", fault);
        runs.push({ seed: (posted.body as unknown as { Faults: { Seed: number }[] }).Faults[0].Seed, seen: await outcomes(other, 30) });
      } finally {
        await other.close();
      }
    }
    expect(runs[0].seed).toEqual(expect.any(Number));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[0].seen).toContain("fail");
    expect(runs[0].seen).toContain("ok");
  });
});

describe("payloads", () => {
  test("a field the emulator does not know is refused with 400 naming it", async () => {
    const r = await admin(emu, "POST", "faults", { Action: "DescribeRegions", Code: "InternalError", Probabilty: 0.5 });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ Code: "InvalidFault", Message: expect.stringContaining('"Probabilty"') });
    expect((await admin(emu, "GET", "faults")).body).toEqual([]);
    // In an array, one bad fault names itself too.
    const arr = await admin(emu, "POST", "faults", [{ Mode: "reset" }, { Mode: "hang", Delay: 5 }]);
    expect(arr.status).toBe(400);
    expect(arr.body.Message).toMatch(/^fault 2: .*"Delay"/);
    expect((await admin(emu, "GET", "faults")).body).toEqual([]); // all or none
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ["Probability above 1", { Code: "InternalError", Probability: 1.5 }, /Probability/],
    ["Probability not a number", { Code: "InternalError", Probability: "half" }, /Probability/],
    ["Seed not an integer", { Code: "InternalError", Probability: 0.5, Seed: 1.5 }, /Seed/],
    ["Seed without Probability", { Code: "InternalError", Seed: 1 }, /Seed/],
    ["Code with a connection mode", { Mode: "drop-response", Code: "InternalError" }, /Code applies only to error faults/],
    ["unknown Mode", { Mode: "explode" }, /Mode must be one of/],
  ])("%s → 400", async (_name, fault, message) => {
    const r = await admin(emu, "POST", "faults", fault);
    expect(r.status).toBe(400);
    expect(r.body.Message).toMatch(message);
  });

  test("the answer echoes every field as stored (defaults included)", async () => {
    const full = { Action: "DescribeDisks", Mode: "error", Code: "ServiceUnavailable", HttpStatus: 503, Message: "Injected.", Count: 3 };
    expect((await admin(emu, "POST", "faults", full)).body).toEqual({ Faults: [full] });
    expect((await admin(emu, "POST", "faults", { Mode: "drop-response" })).body).toEqual({ Faults: [{ Mode: "drop-response", Count: 1 }] });
    const random = { Action: "DescribeRegions", Mode: "hang", Probability: 0.25, Seed: 99 };
    expect((await admin(emu, "POST", "faults", random)).body).toEqual({ Faults: [random] });
    expect((await admin(emu, "GET", "faults")).body).toEqual([full, { Mode: "drop-response", Count: 1 }, random]);
  });
});

describe("Fault in the call log", () => {
  test("an injected 503 is marked, a real error is not", async () => {
    await admin(emu, "POST", "faults", { Action: "DescribeDisks", Code: "ServiceUnavailable", HttpStatus: 503 });
    await expectEcsError(ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION })), "ServiceUnavailable", 503);
    await expectEcsError(ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: I.web })), "IncorrectInstanceStatus", 403);
    await ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION }));
    expect(emu.calls().map((c) => [c.Action, c.HttpStatus, c.Fault])).toEqual([
      ["DescribeDisks", 503, "error"],
      ["StartInstance", 403, undefined],
      ["DescribeDisks", 200, undefined],
    ]);
    expect((await admin(emu, "GET", "calls")).body[0]).toMatchObject({ Fault: "error" });
  });
});
