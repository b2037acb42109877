// Builds the property bag a dynamic resource registers: every output key is present (undefined
// when the user gave no input for it) so Pulumi registers it as an output of the resource.
import * as pulumi from "@pulumi/pulumi";

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
  return props;
}

/** Module part of the type token: `pulumi-nodejs:dynamic/diskops:<Kind>`. */
export const TYPE_MODULE = "diskops";
