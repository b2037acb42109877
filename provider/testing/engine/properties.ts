// Property-map helpers of the test engine: input diffs and secret bookkeeping, the way the
// Pulumi engine treats a provider that does not accept secrets (the dynamic provider).
import { isSecret, secret, unwrapSecrets, PropertyMap } from "../values";

const PROVIDER_KEY = "__provider";

/** Input keys whose values differ (secrets compared by value; `__provider` ignored). */
export function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete(PROVIDER_KEY);
  return [...keys].filter((k) => JSON.stringify(unwrapSecrets(olds[k])) !== JSON.stringify(unwrapSecrets(news[k]))).sort();
}

/** Top-level keys holding secrets. */
export function secretKeys(props: PropertyMap): string[] {
  return Object.keys(props).filter((k) => isSecret(props[k]));
}

/** Wraps `keys` of `props` as secrets (values already secret, or undefined, are left alone). */
export function markSecrets(props: PropertyMap, keys: Iterable<string>): PropertyMap {
  const out = { ...props };
  for (const k of keys) if (out[k] !== undefined && out[k] !== null && !isSecret(out[k])) out[k] = secret(out[k]);
  return out;
}
