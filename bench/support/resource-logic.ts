// Drives the real resource logic in-process, as the provider plugin would: check, then create.
import { provider, type ResourceKind } from "../../provider/implementation";

/** Stand-in for the `__provider` input the engine would pass (the logic only echoes it). */
const PROVIDER_STAND_IN = "exports.handler = () => ({}) /* bench stand-in */";

export interface Created {
  id: string;
  outs: Record<string, any>;
}

/** check(): validation and preflight; returns the checked inputs or throws with the failures. */
export async function checkResource(kind: ResourceKind, news: Record<string, unknown>): Promise<Record<string, unknown>> {
  const checked = await provider(kind).check!({}, news);
  if (checked.failures && checked.failures.length > 0) {
    throw new Error(`${kind} check failed: ${JSON.stringify(checked.failures)}`);
  }
  return checked.inputs;
}

/** create() with inputs that passed check(). */
export async function createChecked(kind: ResourceKind, inputs: Record<string, unknown>): Promise<Created> {
  const { id, outs } = await provider(kind).create!({ ...inputs, __provider: PROVIDER_STAND_IN });
  return { id, outs: outs ?? {} };
}

export async function createResource(kind: ResourceKind, news: Record<string, unknown>): Promise<Created> {
  return createChecked(kind, await checkResource(kind, news));
}
