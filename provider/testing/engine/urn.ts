// Pulumi URNs: urn:pulumi:<stack>::<project>::<qualified type>::<name>, where a child's qualified
// type is its parent's qualified type + "$" + its own type (the root stack is not part of it).
export const STACK_TYPE = "pulumi:pulumi:Stack";

export function makeUrn(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
  let qualified = type;
  if (parentUrn) {
    const parentType = qualifiedTypeOf(parentUrn);
    if (parentType !== STACK_TYPE) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export function qualifiedTypeOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}
