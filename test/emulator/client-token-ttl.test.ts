// ClientTokens are remembered for a bounded window (--client-token-ttl, simulated seconds scaled
// by the time scale), then forgotten: a token reused after it is a new request.
import type { RunningEmulator } from "../../emulator";
import { DEFAULT_CLIENT_TOKEN_TTL_SECONDS, DEMO_IDS } from "../../emulator";
import { ClientTokenStore } from "../../emulator/model/client-tokens";
import { DurationModel } from "../../emulator/model/durations";
import { $Ecs, TIME_SCALE, expectEcsError, sdk, start, waitFor } from "./support/harness";

const I = DEMO_IDS.instances;
// 200 simulated seconds = 2 s real at the test time scale: long enough to see the token remembered
// while the 40 s (0.4 s real) replacement runs, short enough to see it forgotten.
const TTL_SECONDS = 200;
let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;

beforeAll(async () => {
  emu = await start({ clientTokenTtlSeconds: TTL_SECONDS });
  ecs = sdk(emu);
});
afterAll(() => emu.close());

const replace = (instanceId: string, clientToken: string) =>
  ecs.replaceSystemDisk(new $Ecs.ReplaceSystemDiskRequest({ instanceId, imageId: DEMO_IDS.images.ubuntu2404, passwordInherit: true, clientToken }));
const replacements = () => emu.calls().filter((c) => c.Action === "ReplaceSystemDisk").length;

test("within the TTL a reused token returns the first result; after it, the same token starts a second operation", async () => {
  const first = (await replace(I.batch, "ttl-1")).body!.diskId!;
  const disksAfterFirst = emu.cloud.disks.size;

  // Within the window: the first result, nothing new; another instance is a mismatch.
  expect((await replace(I.batch, "ttl-1")).body!.diskId).toBe(first);
  expect(emu.cloud.disks.size).toBe(disksAfterFirst);
  await expectEcsError(replace(I.web, "ttl-1"), "IdempotentParameterMismatch", 400);
  expect(emu.cloud.toState().ClientTokens).toEqual([expect.objectContaining({ Token: "ttl-1", DiskId: first, RememberedAt: expect.any(Number) })]);

  // Wait for the replacement to finish and the window to pass (state, not sleeps).
  await waitFor(() => emu.cloud.replacementInFlight(I.batch), (busy) => !busy, 10_000, "replacement done");
  await waitFor(() => emu.cloud.clientTokens.has("ttl-1"), (known) => !known, 10_000, "token forgotten");
  const callsBefore = replacements();

  const second = (await replace(I.batch, "ttl-1")).body!.diskId!;
  expect(second).not.toBe(first);
  expect(emu.cloud.replacementInFlight(I.batch)).toBe(true); // a real second operation
  expect(replacements()).toBe(callsBefore + 1);
  expect(emu.cloud.clientTokens.get("ttl-1")).toMatchObject({ DiskId: second });
});

describe("the store", () => {
  const longAgo = Date.now() - 10 * 60 * 60 * 1000; // 10 hours

  test("the default is 8 hours of simulated time", async () => {
    expect(DEFAULT_CLIENT_TOKEN_TTL_SECONDS).toBe(8 * 60 * 60);
    const other = await start();
    try {
      expect(other.cloud.clientTokens.ttlSeconds).toBe(DEFAULT_CLIENT_TOKEN_TTL_SECONDS);
    } finally {
      await other.close();
    }
  });

  test("the window is scaled by the time scale", () => {
    const record = { Token: "t", InstanceId: "i", DiskId: "d", RememberedAt: longAgo };
    const realistic = new ClientTokenStore(new DurationModel(1));
    realistic.set("t", record);
    expect(realistic.get("t")).toBeUndefined(); // 10 h > 8 h
    const fast = new ClientTokenStore(new DurationModel(TIME_SCALE), 1);
    fast.set("t", { ...record, RememberedAt: Date.now() - 5 });
    expect(fast.get("t")).toBeDefined(); // 5 ms < 1 s x 0.01 = 10 ms
    fast.set("t", { ...record, RememberedAt: Date.now() - 50 });
    expect(fast.get("t")).toBeUndefined();
  });

  test("at time scale 0 tokens are never forgotten", () => {
    const frozen = new ClientTokenStore(new DurationModel(0), 1);
    frozen.set("t", { Token: "t", InstanceId: "i", DiskId: "d", RememberedAt: longAgo });
    expect(frozen.get("t")).toMatchObject({ DiskId: "d" });
  });

  test("expired tokens are left out of the state file", () => {
    const store = new ClientTokenStore(new DurationModel(1), 60);
    store.load([
      { Token: "old", InstanceId: "i", DiskId: "d1", RememberedAt: longAgo },
      { Token: "new", InstanceId: "i", DiskId: "d2" },
    ]);
    expect(store.live().map((r) => r.Token)).toEqual(["new"]);
  });

  test("a TTL that is not a positive number is refused", async () => {
    await expect(start({ clientTokenTtlSeconds: 0 })).rejects.toThrow(/clientTokenTtlSeconds/);
  });
});
