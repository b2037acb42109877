// The defaults of optional inputs, in ONE place: diff normalises `undefined` to these so that
// leaving an input out and writing its default are the same program; the apply uses them too.
export const COMMON_DEFAULTS = {
  powerPolicy: "restore",
  forceStop: false,
  preflight: true,
} as const;

export const DISK_RESTORE_DEFAULTS = {
  ...COMMON_DEFAULTS,
  strategy: "per-disk",
} as const;

export const SYSTEM_DISK_DEFAULTS = {
  ...COMMON_DEFAULTS,
  encrypted: false,
  passwordInherit: false,
} as const;

/** Input keys added by check itself (not written by users, never a reason to update). */
export const COMPUTED_INPUT_KEYS = ["plan"] as const;
