// call-budget.ts: pacing per region + action, additive increase, multiplicative decrease, pauses
// that honour retry-after for every caller (fake clock: no wall time).
import { ActionBudget, CallBudgets, DEFAULT_BUDGET } from "../../provider/ecs/call-budget";
import { EcsError } from "../../provider/ecs/errors";

const shape = { ...DEFAULT_BUDGET, initialRate: 10, maxRate: 20, minRate: 1 };

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const throttle = (retryAfterMs?: number) =>
  new EcsError({ action: "ResetDisk", code: "Throttling.User", detail: "Request was denied due to user flow control.", httpStatus: 400, retryAfterMs });

test("calls are paced at the rate: 10/s means a slot every 100 ms", () => {
  const c = clock();
  const b = new ActionBudget(shape, c.now);
  expect([b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 100, 200]);
});

test("successes raise the rate additively, up to the maximum", () => {
  const b = new ActionBudget(shape, clock().now);
  for (let i = 0; i < 10; i++) b.succeeded();
  expect(b.rate).toBeGreaterThan(10.9);
  expect(b.rate).toBeLessThan(11.1);
  for (let i = 0; i < 10_000; i++) b.succeeded();
  expect(b.rate).toBe(20);
});

test("a throttle with retry-after pauses every caller for exactly that long, without cutting the rate", () => {
  const c = clock(1000);
  const b = new ActionBudget(shape, c.now);
  b.throttled(5000);
  expect(b.paused()).toBe(true);
  expect(b.reserve()).toBe(5000);
  expect(b.rate).toBe(10);
  c.advance(5000);
  expect(b.paused()).toBe(false);
});

test("without retry-after: a doubling pause and the rate halved once per event", () => {
  const c = clock();
  const b = new ActionBudget(shape, c.now);
  b.throttled();
  b.throttled(); // same event (within decreaseEveryMs): one cut
  expect(b.rate).toBe(5);
  expect(b.pauseRemainingMs()).toBe(2000);
  c.advance(3000);
  b.throttled();
  expect(b.rate).toBe(2.5);
  expect(b.pauseRemainingMs()).toBe(4000);
});

test("throttled again after the pause it asked for (no success between): the rate is cut", () => {
  const c = clock();
  const b = new ActionBudget(shape, c.now);
  b.throttled(1000);
  expect(b.rate).toBe(10);
  c.advance(1500);
  b.throttled(1000);
  expect(b.rate).toBe(5);
});

describe("CallBudgets.run (fake timers)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("a throttled answer makes the OTHER callers of the action wait for retry-after; other actions and regions go on", async () => {
    const events: string[] = [];
    const budgets = new CallBudgets(shape, (e) => events.push(`${e.regionId}/${e.action} ${e.retryAfterMs}`));
    await expect(budgets.run("cn-hangzhou", "ResetDisk", async () => Promise.reject(throttle(3000)))).rejects.toThrow(/Throttling/);
    const sent: string[] = [];
    const reset = budgets.run("cn-hangzhou", "ResetDisk", async () => sent.push(`reset@${Date.now()}`));
    const describe = budgets.run("cn-hangzhou", "DescribeDisks", async () => sent.push("describe"));
    const elsewhere = budgets.run("cn-beijing", "ResetDisk", async () => sent.push("beijing"));
    await jest.advanceTimersByTimeAsync(10);
    expect(sent).toEqual(["describe", "beijing"]);
    await jest.advanceTimersByTimeAsync(3000);
    await Promise.all([reset, describe, elsewhere]);
    expect(sent).toHaveLength(3);
    expect(events).toEqual(["cn-hangzhou/ResetDisk 3000"]);
  });

  test("other errors pass through untouched and do not pause anyone", async () => {
    const budgets = new CallBudgets(shape);
    const denied = new EcsError({ action: "ResetDisk", code: "Forbidden.RAM", detail: "no", httpStatus: 403 });
    await expect(budgets.run("r", "ResetDisk", async () => Promise.reject(denied))).rejects.toBe(denied);
    expect(budgets.budget("r", "ResetDisk").paused()).toBe(false);
  });
});
