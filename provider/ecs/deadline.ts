// The step deadline of the operation an ECS call belongs to, carried implicitly (AsyncLocalStorage)
// so every retry loop below it stops when the step's time is up, instead of retrying a hung or
// failing call for minutes past the user's `timeouts`.
import { AsyncLocalStorage } from "async_hooks";

const store = new AsyncLocalStorage<number>();

/** Runs `fn` with `deadline` (ms since epoch) in force; a tighter enclosing deadline wins. */
export function withDeadline<T>(deadline: number, fn: () => Promise<T>): Promise<T> {
  const outer = store.getStore();
  return store.run(outer === undefined ? deadline : Math.min(outer, deadline), fn);
}

/** The deadline in force for the current call, if any. */
export function currentDeadline(): number | undefined {
  return store.getStore();
}
