// The machinery behind changes-*.ts: compare the recorded inputs (old outputs echo them) with the
// new inputs key by key, after normalising defaults, and sort each difference into what it means.
import { DEFAULT_TIMEOUTS } from "../operations/timeouts";
import { containsUnknown, isGiven, timeoutSeconds, unwrapSecrets } from "./validation-rules";

/**
 * rerun: the cloud operation runs again (update). replace: a new resource (create + delete).
 * settings: only recorded settings change (update that touches nothing in ECS).
 */
export type Verdict = "rerun" | "replace" | "settings";

export interface Changes {
  rerun: string[];
  replace: string[];
  settings: string[];
  /** Keys whose new value is not known yet (preview); each is also in one of the lists above. */
  unknown: string[];
}

export interface KeyRule {
  verdict: Verdict;
  /** The value `undefined` stands for. */
  default?: unknown;
  /** Leaving the input out keeps what was done: no change (e.g. a region the apply resolved). */
  omittedMeans?: "no-change" | "settings";
  /** Canonical form for comparison (e.g. durations in seconds). */
  normalize?: (value: unknown) => unknown;
  /** A custom comparison for structured inputs; returns the verdict or undefined for "equal". */
  compare?: (oldValue: unknown, newValue: unknown) => Verdict | undefined;
  /** Why (for the documentation table). */
  why: string;
}

export type ChangeTable = Record<string, KeyRule>;

/** JSON with sorted keys; undefined and null members dropped. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined && v !== null) out[key] = sortDeep(v);
    }
    return out;
  }
  return value;
}

/** Timeouts in seconds with the defaults filled in: `{ stop: "5m" }` == no timeouts at all. */
export function normalizeTimeouts(value: unknown): unknown {
  return { ...DEFAULT_TIMEOUTS, ...timeoutSeconds(value) };
}

/** Triggers: absent, null and {} all mean "no triggers". */
export function normalizeTriggers(value: unknown): unknown {
  if (!isGiven(value)) return undefined;
  if (typeof value === "object" && !Array.isArray(value) && Object.keys(value as object).length === 0) return undefined;
  return value;
}

export function applyTable(
  table: ChangeTable,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Changes {
  const result: Changes = { rerun: [], replace: [], settings: [], unknown: [] };
  // A secret compares by its value: a wrapped and a plain copy of one password are equal.
  olds = unwrapSecrets(olds ?? {});
  news = unwrapSecrets(news ?? {});
  for (const [key, rule] of Object.entries(table)) {
    const verdict = judge(rule, olds?.[key], news?.[key]);
    if (!verdict) continue;
    result[verdict].push(key);
    if (containsUnknown(news?.[key])) result.unknown.push(key);
  }
  return result;
}

function judge(rule: KeyRule, oldValue: unknown, newValue: unknown): Verdict | undefined {
  if (rule.compare) return rule.compare(oldValue, newValue);
  if (containsUnknown(newValue)) return rule.verdict;
  const norm = (v: unknown) => {
    const withDefault = isGiven(v) ? v : rule.default;
    return rule.normalize ? rule.normalize(withDefault) : withDefault;
  };
  const oldNorm = norm(oldValue);
  const newNorm = norm(newValue);
  if (canonical(oldNorm) === canonical(newNorm)) return undefined;
  // Left out, or written as what stands for "nothing" (triggers: {}), is the same program.
  const newOmitted = !isGiven(newValue) || (rule.normalize !== undefined && !isGiven(newNorm));
  if (newOmitted && rule.default === undefined && rule.omittedMeans) {
    return rule.omittedMeans === "no-change" ? undefined : "settings";
  }
  return rule.verdict;
}

export function hasChanges(c: Changes): boolean {
  return c.rerun.length + c.replace.length + c.settings.length > 0;
}

/** True when the cloud operation runs (again): a new resource or a re-run. */
export function touchesCloud(c: Changes): boolean {
  return c.rerun.length + c.replace.length > 0;
}

/** The table as rows for documentation: key, verdict, default, why. */
export function describeTable(table: ChangeTable): { key: string; verdict: Verdict; default?: unknown; omitted?: string; why: string }[] {
  return Object.entries(table).map(([key, rule]) => ({
    key,
    verdict: rule.verdict,
    default: rule.default,
    omitted: rule.omittedMeans,
    why: rule.why,
  }));
}

/** What a dynamic provider's diff answers (the Node runtime forwards only these three). */
export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** diff from a change table: replace keys -> replaces, any difference -> changes: true. */
export function diffFrom(changes: Changes): DiffResult {
  // Nothing in ECS is undone by delete, so the new resource may run before the old one leaves.
  return { changes: hasChanges(changes), replaces: [...changes.replace], deleteBeforeReplace: false };
}
