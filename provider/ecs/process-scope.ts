// What one provider process owns: its clock, where its messages go, and its process-wide state
// (the ECS client and shared polling, the in-process instance sessions, the stack config).
//
// In production there is one scope, the root, and every call sees it. The deterministic simulator
// (simulation/) runs several "processes" (pipelines, and their re-runs after a crash) inside one
// Node process: each gets a scope of its own, with its own state and its own, possibly skewed,
// clock. The scope follows the async call tree (AsyncLocalStorage), so code below never passes
// it around: it asks `now()` and `processLocal()`.
import { AsyncLocalStorage } from "async_hooks";

/** Wall-clock time as this process sees it (ms since epoch). Skew is a property of a clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface ProcessScopeOptions {
  clock?: Clock;
  /** Where warnings and notes meant for the operator go (default: stderr). */
  log?: (line: string) => void;
  /** A name for traces and messages (the simulator names its participants). */
  name?: string;
}

export class ProcessScope {
  readonly clock: Clock;
  readonly log: (line: string) => void;
  readonly name: string;
  private readonly slots = new Map<string, unknown>();

  constructor(options: ProcessScopeOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.name = options.name ?? "process";
  }

  /** The process-wide value under `key`, made by `init` on first use in this scope. */
  local<T>(key: string, init: () => T): T {
    if (!this.slots.has(key)) this.slots.set(key, init());
    return this.slots.get(key) as T;
  }
}

const storage = new AsyncLocalStorage<ProcessScope>();
const root = new ProcessScope();

/** The scope the current call runs in (the root scope unless a simulator set one). */
export function currentScope(): ProcessScope {
  return storage.getStore() ?? root;
}

/** Runs `fn` (and everything it starts, timers included) as part of `scope`. */
export function runInProcessScope<T>(scope: ProcessScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** Now, by the current process's clock. Use this, not Date.now(), for anything a record or deadline compares. */
export function now(): number {
  return currentScope().clock.now();
}

/** Process-wide state of the current scope (see ProcessScope.local). */
export function processLocal<T>(key: string, init: () => T): T {
  return currentScope().local(key, init);
}
