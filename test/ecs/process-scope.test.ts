// Process scopes (ecs/process-scope.ts): what one provider process owns. The simulator runs several
// "processes" in one Node process; each must see its own clock and its own process-wide state,
// across awaits and timers, while code outside any scope sees the root one.
import { now, processLocal, ProcessScope, runInProcessScope } from "../../provider/ecs/process-scope";
import { setStackConfig, stackConfig } from "../../provider/common/context";

test("each scope has its own clock and state, across awaits and timers", async () => {
  const base = Date.now();
  const a = new ProcessScope({ clock: { now: () => base + 300_000 }, name: "a" });
  const b = new ProcessScope({ clock: { now: () => base - 300_000 }, name: "b" });
  const inScope = (scope: ProcessScope, config: string) =>
    runInProcessScope(scope, async () => {
      setStackConfig({ "alicloud:region": config });
      processLocal("counter", () => ({ n: 0 })).n++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { at: now(), region: stackConfig()["alicloud:region"], count: processLocal("counter", () => ({ n: 0 })).n };
    });
  const [ra, rb] = await Promise.all([inScope(a, "cn-a"), inScope(b, "cn-b")]);
  expect(ra).toEqual({ at: base + 300_000, region: "cn-a", count: 1 });
  expect(rb).toEqual({ at: base - 300_000, region: "cn-b", count: 1 });
  // Outside any scope: the root process, untouched by either.
  expect(stackConfig()["alicloud:region"]).toBeUndefined();
  expect(Math.abs(now() - Date.now())).toBeLessThan(1000);
});

test("a scope's log sink receives its warnings", async () => {
  const lines: string[] = [];
  const scope = new ProcessScope({ log: (l) => lines.push(l) });
  const { reportPreviewWarning, recordedWarnings } = await import("../../provider/common/preview-warnings");
  await runInProcessScope(scope, () => reportPreviewWarning("look out"));
  expect(lines).toEqual(["warning: look out"]);
  expect(recordedWarnings()).not.toContain("look out");
  expect(runInProcessScope(scope, () => recordedWarnings())).toEqual(["look out"]);
});
