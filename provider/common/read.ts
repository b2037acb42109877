// Refresh helpers: read only calls Describe*, and changes nothing it does not have to, so a
// refresh of an unchanged resource is no diff at all.
import type { ChangeTable } from "./changes";
import { resolveRegion } from "./context";

export interface ReadResult {
  id: string;
  props?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}

/** The resource no longer exists in ECS: an empty id removes it from the stack. */
export const GONE: ReadResult = { id: "", props: {} };

/** The recorded inputs, rebuilt from the outputs (which echo every input). */
export function recordedInputs(props: Record<string, unknown>, table: ChangeTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(table)) if (props[key] !== undefined) out[key] = props[key];
  return out;
}

export function regionOfRecord(props: Record<string, unknown>): string | undefined {
  return resolveRegion(typeof props.regionId === "string" ? props.regionId : undefined);
}
