// Builds the property bag a dynamic resource registers: every output key is present (undefined
// when the user gave no input for it) so Pulumi registers it as an output of the resource.
import * as pulumi from "@pulumi/pulumi";
import { stackOwnerId } from "../operations/window/record";
import { OWNER_INPUT } from "./input-defaults";

export function registrationProps(
  outputKeys: readonly string[],
  args: object,
  secretKeys: readonly string[] = [],
): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const key of outputKeys) props[key] = undefined;
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    props[key] = secretKeys.includes(key) ? pulumi.secret(value) : value;
  }
  // Which stack the resource belongs to: the intent record a killed run of this stack left on an
  // instance is recognised by the stack's next run (operations/window/README.md).
  props[OWNER_INPUT] = stackOwnerId(pulumi.getProject(), pulumi.getStack());
  return props;
}

/** Module part of the type token: `pulumi-nodejs:dynamic/diskops:<Kind>`. */
export const TYPE_MODULE = "diskops";
