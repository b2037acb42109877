// The check flow both resources share: validate every input, decide whether the cloud operation
// will run at all (changes-*), preflight it against ECS when it will (unless preflight: false or
// a needed value is unknown at preview), and add the human-readable `plan` to the inputs.
import { Changes, touchesCloud } from "./changes";
import { probeTagging } from "../operations/window/tagging-permission";
import { ecs } from "./context";
import { PLAN_KEY } from "./plan";
import type { PreflightResult } from "./preflight";
import { reportPreviewWarning } from "./preview-warnings";
import { CheckFailure, containsSecret, containsUnknown, isSecretValue, secretValue, unwrapSecrets } from "./validation-rules";

export interface CheckResult {
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

export interface CheckSpec<I, F> {
  kind: string;
  validate(news: Record<string, any>): { inputs: I; failures: CheckFailure[] };
  changes(olds: Record<string, any>, news: Record<string, any>): Changes;
  preflight(inputs: I): Promise<PreflightResult<F>>;
  plan(inputs: I, facts: F | undefined, changes: Changes | undefined, notes: string[]): string[];
  /** Inputs preflight needs known; unknown at preview means no preflight. */
  preflightKeys: readonly string[];
  /** The instance the operation will hold stopped (from preflight's facts), to probe the tag actions on. */
  instanceOf?(facts: F): { regionId: string; instanceId?: string } | undefined;
}

/** Inputs never to echo when check fails (the engine prints the failing property's value). */
const SECRET_KEYS = ["password"];

function withoutSecrets(inputs: Record<string, unknown>): Record<string, unknown> {
  const out = { ...inputs };
  for (const key of SECRET_KEYS) delete out[key];
  return out;
}

/** True when `olds` are the inputs of an existing resource (a create gets `{}`). */
function isExisting(olds: Record<string, any> | undefined): boolean {
  return !!olds && Object.keys(olds).some((k) => k !== "__provider");
}

/** The checked inputs with every input that arrived as (or holding) a secret wrapped again. */
function keepSecret(inputs: Record<string, unknown>, news: Record<string, unknown>): Record<string, unknown> {
  const out = { ...inputs };
  for (const key of Object.keys(out)) if (containsSecret(news[key])) out[key] = secretValue(out[key]);
  return out;
}

/** Plain string values of the secrets in `news` (long enough to be told apart from ordinary text). */
function secretTexts(news: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (v: unknown, inSecret: boolean): void => {
    if (isSecretValue(v)) return walk(v.value, true);
    if (Array.isArray(v)) return v.forEach((x) => walk(x, inSecret));
    if (v !== null && typeof v === "object") return Object.values(v).forEach((x) => walk(x, inSecret));
    if (inSecret && typeof v === "string" && v.length >= 3) out.push(v);
  };
  walk(news, false);
  return out;
}

/** Failures never quote a value that arrived as a secret. */
function redact(failures: CheckFailure[], secrets: string[]): CheckFailure[] {
  if (secrets.length === 0) return failures;
  return failures.map((f) => ({ ...f, reason: secrets.reduce((r, s) => r.split(s).join("[secret]"), f.reason) }));
}

export async function runCheck<I, F>(spec: CheckSpec<I, F>, olds: Record<string, any>, rawNews: Record<string, any>): Promise<CheckResult> {
  // Judged by their values; secrets stay secrets in what check returns (keepSecret).
  const news = unwrapSecrets(rawNews ?? {});
  const validated = spec.validate(news);
  const inputs = validated.inputs as unknown as Record<string, unknown>;
  const secrets = secretTexts(rawNews ?? {});
  if (validated.failures.length > 0) return { inputs: keepSecret(withoutSecrets(inputs), rawNews ?? {}), failures: redact(validated.failures, secrets) };

  const changes = isExisting(olds) ? spec.changes(olds, inputs) : undefined;
  const notes: string[] = [];
  let facts: F | undefined;
  if (!changes || touchesCloud(changes)) {
    if (inputs.preflight === false) {
      notes.push("preflight: off (preflight: false); plan from the inputs only");
    } else if (containsUnknown(inputs.preflight) || spec.preflightKeys.some((k) => containsUnknown(inputs[k]))) {
      notes.push("preflight: skipped, some inputs are known only at apply; the apply checks before stopping anything");
    } else {
      const result = await spec.preflight(validated.inputs);
      if (result.failures.length > 0) return { inputs: keepSecret(withoutSecrets(inputs), rawNews ?? {}), failures: redact(result.failures, secrets) };
      for (const warning of result.warnings) {
        await reportPreviewWarning(warning);
        notes.push(`warning: ${warning}`);
      }
      facts = result.facts;
      // Crash safety rests on the intent record (ECS tags): say so at preview if RAM denies it.
      const target = facts && spec.instanceOf?.(facts);
      if (target?.instanceId) {
        // One read-only probe per region and process, whatever the number of resources.
        const warning = await probeTagging(ecs(), target.regionId, target.instanceId);
        if (warning) {
          await reportPreviewWarning(`${spec.kind}: ${warning}`);
          notes.push(`warning: ${warning}`);
        }
      }
    }
  }
  const plan = spec.plan(validated.inputs, facts, changes, notes);
  // A plan that names a secret value is a secret itself.
  const planIsSecret = plan.some((line) => secrets.some((s) => line.includes(s)));
  return { inputs: { ...keepSecret(inputs, rawNews ?? {}), [PLAN_KEY]: planIsSecret ? secretValue(plan) : plan }, failures: [] };
}
