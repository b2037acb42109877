// poll-schedule.ts: when waiters look, tied to the awaited operation's expected duration; and the
// waiter following it (fake timers: no wall clock).
import { alignToGrid, BACKOFF_FRACTION, EARLY_FRACTION, nextPollDelay, OVERDUE_FACTOR } from "../../provider/ecs/poll-schedule";
import { expectedDurationMs } from "../../provider/ecs/timing";
import { FEW_WAITERS, waitUntil, WaiterAbortedError, WaiterTimeoutError } from "../../provider/ecs/waiter";

const reset: { expectedMs: number; cadenceMs: number; maxDelayMs: number; nearEndMs?: number } = { expectedMs: 20_000, cadenceMs: 1000, maxDelayMs: 20_000 };

/** The poll instants (ms after the start) a schedule gives for an operation that ends at `doneAt`. */
function pollTimes(s: typeof reset, doneAt: number): number[] {
  const times: number[] = [];
  let t = 0;
  do {
    t += nextPollDelay(t, s);
    times.push(t);
  } while (t < doneAt);
  return times;
}

describe("nextPollDelay", () => {
  test("no poll before the early fraction of the expected duration, then the short cadence", () => {
    expect(nextPollDelay(0, reset)).toBe(EARLY_FRACTION * 20_000);
    expect(nextPollDelay(5_000, reset)).toBe(EARLY_FRACTION * 20_000 - 5_000);
    expect(nextPollDelay(16_000, reset)).toBe(1000);
    expect(nextPollDelay(23_000, reset)).toBe(1000); // just late: still the short cadence
  });

  test("a reset that takes 20 s +/- 20 % is seen within one cadence, with few polls", () => {
    for (const doneAt of [16_000, 20_000, 24_000]) {
      const times = pollTimes(reset, doneAt);
      expect(times.at(-1)! - doneAt).toBeLessThan(1000);
      expect(times.length).toBeLessThanOrEqual(9);
    }
  });

  test("overdue, polls back off with the time the operation is late (seen at most ~25 % late), capped", () => {
    expect(OVERDUE_FACTOR * 20_000).toBe(24_000);
    expect(nextPollDelay(28_000, reset)).toBe(BACKOFF_FRACTION * 8_000); // 8 s late: the next look in 2 s
    expect(nextPollDelay(60_000, reset)).toBe(10_000);
    expect(nextPollDelay(10_000_000, reset)).toBe(20_000);
  });

  test("a long wait makes few polls: a reset that takes 5 minutes instead of 20 s", () => {
    const times = pollTimes(reset, 300_000);
    expect(times.length).toBeLessThanOrEqual(40); // 1 s polls until 3E, then elapsed/20, made 78
    expect(times.at(-1)! - 300_000).toBeLessThanOrEqual(20_000);
  });

  test("around the expected end the waiter's denser cadence: a reset is seen within half a second", () => {
    const dense = { ...reset, nearEndMs: 500 };
    expect(nextPollDelay(16_000, dense)).toBe(500);
    expect(nextPollDelay(24_000, dense)).toBe(1000); // overdue: a quarter of the lateness, at least the cadence
    expect(nextPollDelay(28_000, dense)).toBe(BACKOFF_FRACTION * 8_000);
    for (const doneAt of [16_000, 20_000, 24_000]) {
      const times = pollTimes(dense, doneAt);
      expect(times.at(-1)! - doneAt).toBeLessThan(500);
      expect(times.length).toBeLessThanOrEqual(18);
    }
  });

  test("nothing expected: the cadence, relaxing with the time waited", () => {
    const unknown = { cadenceMs: 1000, maxDelayMs: 20_000 };
    expect(nextPollDelay(0, unknown)).toBe(1000);
    expect(nextPollDelay(100_000, unknown)).toBe(5000);
  });
});

describe("alignToGrid", () => {
  test("the nearest grid point, never in the past", () => {
    expect(alignToGrid(10_400, 9_000, 1000)).toBe(10_000);
    expect(alignToGrid(10_600, 9_000, 1000)).toBe(11_000);
    expect(alignToGrid(10_400, 10_200, 1000)).toBe(11_000);
    expect(alignToGrid(10_400, 10_200, 1)).toBe(10_400);
  });

  test("waiters that began apart but are due together poll at the same instant", () => {
    const a = alignToGrid(1_000_000 + 16_000 + 120, 1_000_000, 1000);
    const b = alignToGrid(1_000_000 + 16_000 + 380, 1_000_100, 1000);
    expect(a).toBe(b);
  });
});

test("expected durations follow DISKOPS_POLL_MIN_MS (tests shrink them with the emulator's time scale)", () => {
  expect(expectedDurationMs("reset", {})).toBe(20_000);
  expect(expectedDurationMs("stop", { DISKOPS_POLL_MIN_MS: "10" })).toBe(100);
});

describe("waitUntil with an expected duration (fake timers)", () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(1_000_000);
  });
  afterEach(() => jest.useRealTimers());

  const description = "disk d-1 to be In_use";

  /** A waiter for a reset expected to take 20 s that ends 18.3 s in; every poll's instant goes to `polledAt`. */
  const resetEndingAt18s = (polledAt: number[]) => {
    const doneAt = 1_000_000 + 18_300;
    return waitUntil({
      description,
      poll: async () => {
        polledAt.push(Date.now());
        return Date.now() >= doneAt ? "In_use" : "ReIniting";
      },
      acceptors: (s) => ({ state: s === "In_use" ? "success" : "retry" }),
      describe: (s) => s,
      expectedMs: 20_000,
      minDelayMs: 1000,
      maxDelayMs: 20_000,
      timeoutMs: 600_000,
    });
  };

  test("the first poll waits for the schedule; the waiter ends on the success state", async () => {
    const polledAt: number[] = [];
    const run = resetEndingAt18s(polledAt);
    await jest.advanceTimersByTimeAsync(60_000);
    await expect(run).resolves.toBe("In_use");
    expect(polledAt[0]).toBe(1_000_000 + 16_000);
    expect(polledAt.at(-1)).toBe(1_000_000 + 18_500); // on the 0.5 s grid, within half a cadence of the end
    expect(polledAt).toHaveLength(6);
  });

  test("a fleet's waiters (more than FEW_WAITERS) share polls on the 1 s grid; the denser cadence is for a few", async () => {
    const polledAt: number[] = [];
    const runs = Array.from({ length: FEW_WAITERS + 1 }, () => resetEndingAt18s(polledAt));
    await jest.advanceTimersByTimeAsync(60_000);
    await Promise.all(runs);
    expect([...new Set(polledAt)]).toEqual([1_016_000, 1_017_000, 1_018_000, 1_019_000]);
  });

  test("respects its timeout: one last poll at the deadline, then WaiterTimeoutError", async () => {
    const polledAt: number[] = [];
    const run = waitUntil({
      description,
      poll: async () => (polledAt.push(Date.now()), "ReIniting"),
      acceptors: () => ({ state: "retry" }),
      describe: (s) => s,
      expectedMs: 20_000,
      minDelayMs: 1000,
      timeoutMs: 5_000,
    }).catch((e) => e);
    await jest.advanceTimersByTimeAsync(10_000);
    const err = await run;
    expect(err).toBeInstanceOf(WaiterTimeoutError);
    expect(polledAt).toEqual([1_005_000]);
  });

  test("respects abort while waiting for its first poll", async () => {
    const controller = new AbortController();
    let polls = 0;
    const run = waitUntil({
      description,
      poll: async () => (polls++, "ReIniting"),
      acceptors: () => ({ state: "retry" }),
      describe: (s) => s,
      expectedMs: 20_000,
      minDelayMs: 1000,
      timeoutMs: 600_000,
      signal: controller.signal,
    }).catch((e) => e);
    await jest.advanceTimersByTimeAsync(3_000);
    controller.abort();
    expect(await run).toBeInstanceOf(WaiterAbortedError);
    expect(polls).toBe(0);
  });
});
