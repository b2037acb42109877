// The defaults of optional inputs, in ONE place: diff normalises `undefined` to these so that
// leaving an input out and writing its default are the same program; the apply uses them too.
export const COMMON_DEFAULTS = {
  powerPolicy: "restore",
  forceStop: false,
  preflight: true,
} as const;

/** Input keys added by check itself (not written by users, never a reason to update). */
export const COMPUTED_INPUT_KEYS = ["plan"] as const;

/**
 * Input key the resource classes add: the owner id of the stack (operations/window/record.ts
 * stackOwnerId), so the intent record of a killed run is recognised by the stack's next run.
 * Internal: not an argument users write, never a reason to update.
 */
export const OWNER_INPUT = "__owner";
