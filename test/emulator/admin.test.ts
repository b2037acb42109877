// Admin endpoints, fault injection (error / reset / hang), flow control, and the call log
// (which must never hold a password, a secret or a token).
import type { RunningEmulator } from "../../emulator";
import { DEMO_FLEET, DEMO_IDS } from "../../emulator";
import { isLoopback } from "../../emulator/server/admin";
import { $Ecs, DEMO_ACCESS_KEY, REGION, TIME_SCALE, admin, describeInstance, expectEcsError, legacyCall, rawRequest, sdk, start, waitFor, waitInstanceStatus } from "./support/harness";

const I = DEMO_IDS.instances;
const OTHER = { AccessKeyId: "second-ak", AccessKeySecret: "second-secret", SecurityToken: "second-token" };
const PASSWORD = "Sup3r-Secret!pw";
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;

beforeAll(async () => {
  emu = await start({
    seed: { ...DEMO_FLEET, AccessKeys: [...DEMO_FLEET.AccessKeys!, OTHER] },
    rateLimits: { DescribeKeyPairs: { limit: 3, windowSeconds: 60 }, DescribeSnapshots: { limit: 2, windowSeconds: 1 } },
  });
  ecs = sdk(emu);
});
afterAll(() => emu.close());
afterEach(async () => {
  await admin(emu, "DELETE", "faults");
});

const describeRegions = (client = ecs) => client.describeRegions(new $Ecs.DescribeRegionsRequest({}));
const describeDisks = (client = ecs) => client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION }));

describe("flow control", () => {
  const keyPairs = (client = ecs) => client.describeKeyPairs(new $Ecs.DescribeKeyPairsRequest({ regionId: REGION }));

  test("over the limit: Throttling.User 400 with x-acs-retry-after (ms), per access key and action", async () => {
    for (let i = 0; i < 3; i++) await keyPairs();
    const err = await expectEcsError(keyPairs(), "Throttling.User", 400);
    expect((err as Error).name).toBe("ThrottlingError");
    expect(err.data?.Message).toBe("Request was denied due to user flow control.");
    expect(err.retryAfter).toBeGreaterThan(0);
    expect(err.retryAfter).toBeLessThanOrEqual(60_000);
    // Other actions and other keys have their own windows.
    await describeRegions();
    await keyPairs(sdk(emu, { accessKeyId: OTHER.AccessKeyId, accessKeySecret: OTHER.AccessKeySecret, securityToken: OTHER.SecurityToken }));
  });

  test("the window slides: calls pass again once old ones leave it", async () => {
    const snaps = () => ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION }));
    await snaps();
    await snaps();
    await expectEcsError(snaps(), "Throttling.User", 400);
    const ok = await waitFor(
      () => snaps().then(() => true, () => false),
      (passed) => passed,
    );
    expect(ok).toBe(true);
  });
});

describe("fault injection", () => {
  test("error faults fail the next Count matching calls, then clear", async () => {
    const r = await admin(emu, "POST", "faults", { Action: "DescribeDisks", Code: "ServiceUnavailable", HttpStatus: 503, Count: 2 });
    expect(r.status).toBe(200);
    const first = await expectEcsError(describeDisks(), "ServiceUnavailable", 503);
    expect((first as Error).name).toBe("ServerError");
    await describeRegions(); // other actions are not affected
    await expectEcsError(describeDisks(), "ServiceUnavailable", 503);
    expect((await describeDisks()).statusCode).toBe(200);
  });

  test("status and message default from the catalogue; a custom message is used", async () => {
    await admin(emu, "POST", "faults", { Code: "InternalError" });
    await expectEcsError(describeRegions(), "InternalError", 500);
    await admin(emu, "POST", "faults", { Action: "ResetDisk", Code: "Operation.Conflict", Message: "Injected conflict." });
    const err = await expectEcsError(ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: "d", snapshotId: "s" })), "Operation.Conflict", 403);
    expect(err.data?.Message).toBe("Injected conflict.");
  });

  test("a Throttling fault carries x-acs-retry-after (1 s of simulated time), so the SDK raises ThrottlingError", async () => {
    await admin(emu, "POST", "faults", { Action: "DescribeRegions", Code: "Throttling.User", HttpStatus: 400 });
    const err = await expectEcsError(describeRegions(), "Throttling.User", 400);
    expect(err.retryAfter).toBe(Math.max(1, Math.round(1000 * TIME_SCALE)));
  });

  test("reset drops the connection", async () => {
    await admin(emu, "POST", "faults", { Action: "DescribeRegions", Mode: "reset", Count: 1 });
    const err = await describeRegions().then(() => undefined, (e: Error) => e);
    expect(err).toBeDefined();
    expect(String((err as { code?: string }).code ?? err!.message)).toMatch(/ECONNRESET|socket hang up/i);
    expect((await describeRegions()).statusCode).toBe(200);
  });

  test("hang holds the connection until the client gives up", async () => {
    await admin(emu, "POST", "faults", { Mode: "hang", Count: 1 });
    const err = await describeRegions(sdk(emu, { readTimeout: 200 })).then(() => undefined, (e: Error) => e);
    expect(err?.name).toMatch(/Timeout/i);
    expect((await describeRegions()).statusCode).toBe(200);
    const faults = emu.calls().filter((c) => c.Fault);
    expect(faults.map((c) => c.Fault)).toEqual(expect.arrayContaining(["reset", "hang"]));
  });

  test("a hung connection is released when the emulator closes", async () => {
    const other = await start();
    await admin(other, "POST", "faults", { Mode: "hang" });
    const pending = describeRegions(sdk(other, { readTimeout: 30_000 })).then(() => "ok", () => "failed");
    await waitFor(() => other.calls().length, (n) => n === 1);
    await other.close();
    expect(await pending).toBe("failed");
  });

  test("invalid fault payloads are refused; GET lists, DELETE clears", async () => {
    expect((await admin(emu, "POST", "faults", { Code: "X", Count: 0 })).status).toBe(400);
    expect((await admin(emu, "POST", "faults", { Mode: "explode" })).status).toBe(400);
    expect((await admin(emu, "POST", "faults", {})).status).toBe(400);
    await admin(emu, "POST", "faults", { Action: "DescribeDisks", Code: "InternalError", Count: 5 });
    expect((await admin(emu, "GET", "faults")).body).toEqual([expect.objectContaining({ Action: "DescribeDisks", Count: 5 })]);
    await admin(emu, "DELETE", "faults");
    expect((await describeDisks()).statusCode).toBe(200);
  });
});

describe("call log and state", () => {
  test("the call log records calls but never passwords, secrets, tokens or signatures", async () => {
    await admin(emu, "DELETE", "calls");
    const sts = sdk(emu, { accessKeyId: OTHER.AccessKeyId, accessKeySecret: OTHER.AccessKeySecret, securityToken: OTHER.SecurityToken });
    const replaced = await sts.replaceSystemDisk(
      new $Ecs.ReplaceSystemDiskRequest({ instanceId: I.batch, imageId: DEMO_IDS.images.ubuntu2404, password: PASSWORD, clientToken: "log-1" }),
    );
    await legacyCall(emu, "DescribeRegions", {}, { accessKeyId: OTHER.AccessKeyId, accessKeySecret: OTHER.AccessKeySecret, securityToken: OTHER.SecurityToken });
    await expectEcsError(
      ecs.replaceSystemDisk(new $Ecs.ReplaceSystemDiskRequest({ instanceId: I.web, imageId: DEMO_IDS.images.ubuntu2404, password: PASSWORD })),
      "IncorrectInstanceStatus",
      403,
    );
    const r = await admin(emu, "GET", "calls");
    const calls = r.body as unknown as { Action: string; HttpStatus: number; Code?: string; RequestId: string; At: string; Params: Record<string, string> }[];
    expect(calls.map((c) => [c.Action, c.HttpStatus, c.Code])).toEqual([
      ["ReplaceSystemDisk", 200, undefined],
      ["DescribeRegions", 200, undefined],
      ["ReplaceSystemDisk", 403, "IncorrectInstanceStatus"],
    ]);
    expect(calls[0].RequestId).toBe(replaced.body!.requestId);
    expect(calls[0].Params).toEqual({ InstanceId: I.batch, ImageId: DEMO_IDS.images.ubuntu2404, Password: "******", ClientToken: "log-1" });
    expect(Date.parse(calls[0].At)).not.toBeNaN();
    const text = JSON.stringify(calls);
    for (const secret of [PASSWORD, OTHER.AccessKeySecret, OTHER.SecurityToken, DEMO_ACCESS_KEY.AccessKeySecret, "Signature", "SecurityToken"]) {
      expect(text).not.toContain(secret);
    }
    await admin(emu, "DELETE", "calls");
    expect((await admin(emu, "GET", "calls")).body).toEqual([]);
  });

  test("GET /__emulator/state shows the cloud as it is now, without access keys", async () => {
    const state = (await admin(emu, "GET", "state")).body as unknown as Record<string, { InstanceId?: string; Status?: string }[]>;
    expect(Object.keys(state)).toEqual(expect.arrayContaining(["Instances", "Disks", "Snapshots", "Images", "KeyPairs"]));
    expect(state.Instances.find((i) => i.InstanceId === I.web)!.Status).toBe("Running");
    const text = JSON.stringify(state);
    expect(text).not.toContain(DEMO_ACCESS_KEY.AccessKeySecret);
    expect(text).not.toContain(OTHER.SecurityToken);
  });

  test("POST /__emulator/reset-state reloads the seed", async () => {
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: I.web }));
    await waitInstanceStatus(ecs, I.web, "Stopped");
    expect((await admin(emu, "POST", "reset-state")).status).toBe(200);
    expect((await describeInstance(ecs, I.web)).status).toBe("Running");
  });

  test("admin is loopback only; unknown admin routes are 404", async () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("10.0.0.5")).toBe(false);
    expect((await rawRequest(emu, "GET", "/__emulator/nothing")).status).toBe(404);
  });
});
