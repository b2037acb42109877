// Output records: every input echoed (diff gets the old OUTPUTS, not the old inputs), plus what
// the run found and did. Partial state for the engine carries the same shape, marked incomplete.

/** Output key marking a state recorded after a failure: the next update re-runs the operation. */
export const INCOMPLETE_KEY = "incomplete";
/** Output key with the failure that left the state incomplete (no secrets). */
export const LAST_ERROR_KEY = "lastError";
/**
 * Output key of an incomplete state whose work is done but whose stopped window is not closed yet
 * (the close gave up waiting for another operation): the next run enters the window to close it.
 */
export const WINDOW_PENDING_KEY = "windowPending";
/** Inputs that are secrets: kept only where the engine stores them as Pulumi secrets. */
const SECRET_INPUTS = ["password"];
/** Keys the engine sends that are not inputs of ours. */
const NOT_INPUTS = new Set(["__provider", "plan", INCOMPLETE_KEY, LAST_ERROR_KEY, WINDOW_PENDING_KEY]);

/** The user's inputs: no engine keys, no check-computed keys, no undefined values. */
export function echoInputs<T extends object>(inputs: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs ?? {})) {
    if (NOT_INPUTS.has(key) || value === undefined) continue;
    out[key] = value;
  }
  return out as T;
}

export function isIncomplete(olds: Record<string, unknown> | undefined): boolean {
  return olds?.[INCOMPLETE_KEY] === true;
}

/** An incomplete state whose window a re-run must still close. */
export function windowPending(olds: Record<string, unknown> | undefined): boolean {
  return isIncomplete(olds) && olds?.[WINDOW_PENDING_KEY] === true;
}

/**
 * Properties for the engine's partial state. The plugin does not add `__provider` to an error's
 * properties (cmd/dynamic-provider grpcResponseFromError), so it is copied from the request:
 * without it the next delete/update could not load the provider.
 */
export function partialState(
  outputs: Record<string, unknown>,
  request: Record<string, unknown>,
  lastError: string,
): Record<string, unknown> {
  const props: Record<string, unknown> = { ...withoutUndefined(outputs), [INCOMPLETE_KEY]: true, [LAST_ERROR_KEY]: lastError };
  // Secret inputs stay out: this state travels in an error, outside the path that marks outputs
  // as Pulumi secrets, and nothing needs them (an incomplete state re-runs with the new inputs).
  for (const key of SECRET_INPUTS) delete props[key];
  if (request.__provider !== undefined) props.__provider = request.__provider;
  return props;
}

/** The output record of a run: every input echoed, plus what the run found and did. */
export function outputRecord<I extends object, O extends I>(inputs: I, run: Omit<O, keyof I> & Partial<O> & Record<string, unknown>): O {
  return withoutUndefined({ ...echoInputs(inputs), ...run }) as unknown as O;
}

/** Settings-only update: the new inputs, with everything the last run found and did kept. */
export function withNewSettings<T extends object>(olds: Record<string, unknown>, inputs: object, inputKeys: readonly string[]): T {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(olds)) {
    if (NOT_INPUTS.has(key)) continue;
    // An input the user removed disappears, except computed ones (instanceId/regionId found by the run).
    if (inputKeys.includes(key) && !COMPUTED_TOO.has(key)) continue;
    kept[key] = value;
  }
  return withoutUndefined({ ...kept, ...echoInputs(inputs) }) as T;
}

/** Inputs that are also computed outputs: left out, the value the run found stays. */
const COMPUTED_TOO = new Set(["instanceId", "regionId"]);

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
