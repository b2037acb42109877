// Virtual time (simulation/virtual-time.ts) and replayability: timers fire in order without real
// waiting, each callback runs in the process scope that scheduled it, and a seed replays exactly.
import { now, ProcessScope, runInProcessScope } from "../../provider/ecs/process-scope";
import { runSeed } from "../../simulation/run";
import { renderTrace } from "../../simulation/trace";
import { VirtualTime } from "../../simulation/virtual-time";

test("an hour of timers passes in no real time, each in the scope that scheduled it", async () => {
  const realStart = process.hrtime.bigint();
  const time = VirtualTime.install(Date.UTC(2026, 0, 1));
  const seen: string[] = [];
  try {
    const a = new ProcessScope({ name: "a", clock: { now: () => Date.now() + 60_000 } });
    const b = new ProcessScope({ name: "b", clock: { now: () => Date.now() - 60_000 } });
    const sleeper = (scope: ProcessScope, ms: number) =>
      runInProcessScope(scope, async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        seen.push(`${scope.name}@${new Date(now()).toISOString()}`);
      });
    const done = Promise.all([sleeper(a, 3_600_000), sleeper(b, 1_000)]);
    while (time.fireNext()) await VirtualTime.drain();
    await done;
  } finally {
    time.uninstall();
  }
  expect(seen).toEqual(["b@2025-12-31T23:59:01.000Z", "a@2026-01-01T01:01:00.000Z"]);
  expect(Number(process.hrtime.bigint() - realStart) / 1e6).toBeLessThan(1000);
  expect(Math.abs(Date.now() - Number(new Date()))).toBeLessThan(1000); // the real clock is back
});

test("the same seed gives the same run, call for call", async () => {
  const first = renderTrace(await runSeed(6));
  const second = renderTrace(await runSeed(6));
  expect(second).toEqual(first);
  expect(first).toMatch(/process killed/);
});

test("a run restores what it faked: Math.random, timers, the clock", async () => {
  const random = Math.random;
  const setTimeoutBefore = globalThis.setTimeout;
  await runSeed(5);
  expect(Math.random).toBe(random);
  expect(globalThis.setTimeout).toBe(setTimeoutBefore);
  expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1000);
});
