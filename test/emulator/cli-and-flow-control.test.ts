// The CLI flags of the fault/timing features reach the emulator, and the flow-control table has
// defaults for every action the provider calls (including the tag/snapshot/image actions).
import { parseArgs } from "../../emulator/cli";
import { DEFAULT_RATE_LIMITS } from "../../emulator";
import { RateLimiter } from "../../emulator/server/rate-limiter";
import { start } from "./support/harness";

describe("CLI flags", () => {
  test("--client-token-ttl, --duration-jitter and --random-seed (also as --flag=value) reach the emulator", async () => {
    const opts = parseArgs(["--client-token-ttl", "60", "--duration-jitter=0.2", "--random-seed", "7"]);
    expect(opts).toEqual({ clientTokenTtlSeconds: 60, durationJitter: 0.2, randomSeed: 7 });
    const emu = await start(opts);
    try {
      expect(emu.randomSeed).toBe(7);
      expect(emu.cloud.durations.jitter).toBe(0.2);
      expect(emu.cloud.clientTokens.ttlSeconds).toBe(60);
    } finally {
      await emu.close();
    }
  });

  test.each([
    [["--client-token-ttl", "0"], /--client-token-ttl must be a number of seconds > 0/],
    [["--client-token-ttl", "8h"], /--client-token-ttl/],
    [["--duration-jitter", "1"], /--duration-jitter must be a number with 0 <= F < 1/],
    [["--duration-jitter", "-0.1"], /--duration-jitter/],
    [["--random-seed", "x"], /--random-seed must be an integer/],
    [["--random-seed"], /--random-seed needs a value/],
  ])("%j is refused with a message naming the flag", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe("flow-control defaults (calls per 60 s)", () => {
  test("the seeds' limits, and an entry for each action the provider may call", () => {
    expect(DEFAULT_RATE_LIMITS.ResetDisk).toEqual({ limit: 500, windowSeconds: 60 });
    expect(DEFAULT_RATE_LIMITS.ReplaceSystemDisk).toEqual({ limit: 200, windowSeconds: 60 });
    for (const action of ["TagResources", "UntagResources", "ListTagResources", "CreateSnapshot", "DeleteSnapshot", "CreateImage", "DescribeTags"]) {
      expect(DEFAULT_RATE_LIMITS[action]).toEqual({ limit: expect.any(Number), windowSeconds: 60 });
    }
  });

  test("an action keyed by name is limited, and the refusal says when to come back", () => {
    const limiter = new RateLimiter();
    const t0 = 1_000_000;
    const { limit } = DEFAULT_RATE_LIMITS.TagResources;
    for (let i = 0; i < limit; i++) expect(limiter.take("ak", "TagResources", t0 + i)).toBeUndefined();
    expect(limiter.take("ak", "TagResources", t0 + limit)).toBe(60_000 - limit);
    expect(limiter.take("other-ak", "TagResources", t0 + limit)).toBeUndefined();
    expect(limiter.take("ak", "TagResources", t0 + 60_000)).toBeUndefined(); // the first call left the window
  });

  test("overrides are keyed by action name too", () => {
    const limiter = new RateLimiter({ CreateImage: { limit: 1, windowSeconds: 1 } });
    expect(limiter.take("ak", "CreateImage", 0)).toBeUndefined();
    expect(limiter.take("ak", "CreateImage", 10)).toBe(990);
  });
});
