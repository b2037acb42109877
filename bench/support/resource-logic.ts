// Drives the real resource logic in-process, as the provider plugin would: check, then create.
import { provider, type ResourceKind } from "../../provider/logic";

/** Stand-in for the `__provider` input the engine would pass (the logic only echoes it). */
const PROVIDER_STAND_IN = "exports.handler = () => ({}) /* bench stand-in */";

export interface Created {
  id: string;
  outs: Record<string, any>;
}

export async function createResource(kind: ResourceKind, news: Record<string, unknown>): Promise<Created> {
  const p = provider(kind);
  const checked = await p.check!({}, news);
  if (checked.failures && checked.failures.length > 0) {
    throw new Error(`${kind} check failed: ${JSON.stringify(checked.failures)}`);
  }
  const { id, outs } = await p.create!({ ...checked.inputs, __provider: PROVIDER_STAND_IN });
  return { id, outs: outs ?? {} };
}
