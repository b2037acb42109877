// Virtual time for one simulation run: @sinonjs/fake-timers installed on the global object (Date,
// setTimeout/clearTimeout, setInterval/clearInterval), driven by the simulator's own loop: fire the
// next timer, then let every promise continuation that it set off run before the next one fires.
// setImmediate, process.nextTick and queueMicrotask stay real: they are how the loop yields.
//
// Each faked timer callback runs in the async context that scheduled it (an AsyncResource per timer),
// so a provider process's scope (process-scope.ts) and its step deadline (ecs/deadline.ts) follow
// its sleeps and polls, as they do with Node's own timers.
import { AsyncResource } from "async_hooks";
import * as FakeTimers from "@sinonjs/fake-timers";

/** Captured at load: the loop's way to wait for the microtask queue to empty. */
const realSetImmediate = setImmediate;

type TimerFn = (...args: unknown[]) => void;

export class VirtualTime {
  private readonly restoreGlobals: () => void;

  private constructor(private readonly clock: FakeTimers.Clock) {
    const g = globalThis as unknown as Record<string, unknown>;
    const faked = { setTimeout: g.setTimeout as (...a: unknown[]) => unknown, setInterval: g.setInterval as (...a: unknown[]) => unknown };
    const bound = (schedule: (...a: unknown[]) => unknown) =>
      function (this: unknown, fn: unknown, ms?: number, ...args: unknown[]) {
        if (typeof fn !== "function") return schedule(fn, ms, ...args);
        // A resource per timer, as Node's own timers have (AsyncResource.bind costs several times more).
        const context = new AsyncResource("SimulatedTimer");
        return schedule((...a: unknown[]) => context.runInAsyncScope(fn as TimerFn, undefined, ...a), ms, ...args);
      };
    g.setTimeout = bound(faked.setTimeout);
    g.setInterval = bound(faked.setInterval);
    this.restoreGlobals = () => {
      g.setTimeout = faked.setTimeout;
      g.setInterval = faked.setInterval;
    };
  }

  /** Fakes the clock from `startMs` (ms since epoch) until uninstall(). Only one at a time. */
  static install(startMs: number): VirtualTime {
    const clock = FakeTimers.withGlobal(globalThis).install({
      now: startMs,
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
      loopLimit: Number.MAX_SAFE_INTEGER,
    });
    return new VirtualTime(clock);
  }

  /** Virtual now (ms since epoch), the cloud's true time. */
  now(): number {
    return this.clock.now;
  }

  /** Timers still scheduled. */
  pending(): number {
    return this.clock.countTimers();
  }

  /** Advances to the next timer and fires it; false when no timer is left. */
  fireNext(): boolean {
    if (this.clock.countTimers() === 0) return false;
    this.clock.next();
    return true;
  }

  /** Resolves once every promise continuation queued so far (and those they queue) has run. */
  static drain(): Promise<void> {
    return new Promise((resolve) => realSetImmediate(resolve));
  }

  uninstall(): void {
    this.restoreGlobals();
    this.clock.uninstall();
  }
}
