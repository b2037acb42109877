// Compares an answer, field by field, with the official Node SDK's response model
// (@alicloud/ecs20140526 `{Action}ResponseBody`, its static names() and types()):
// - unknown: a field the model does not have (the SDK drops it silently);
// - type: a value whose JSON type is not the model's;
// - missing: a model field the answer lacks. Neither SDK marks any response field as required
//   (no validateRequired / validate_required in their models), so every model field counts as
//   always present unless the conformance cases list it in optionalFields for that action.
import * as $Ecs from "@alicloud/ecs20140526";

export interface Disagreement {
  path: string;
  kind: "unknown" | "type" | "missing";
  detail: string;
}

interface ModelClass {
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

type FieldType = string | ModelClass | { type: "array"; itemType: string | ModelClass } | { type: "map" };

const isModel = (t: unknown): t is ModelClass => typeof t === "function" && typeof (t as unknown as ModelClass).names === "function";

export function responseModel(action: string): ModelClass {
  const cls = ($Ecs as unknown as Record<string, unknown>)[`${action}ResponseBody`];
  if (!isModel(cls)) throw new Error(`@alicloud/ecs20140526 has no ${action}ResponseBody`);
  return cls;
}

/** Whether `path` (`A.B[].C`) is optional: listed itself, or below a listed path. */
function isOptional(path: string, optional: string[]): boolean {
  return optional.some((o) => path === o || path.startsWith(`${o}.`) || path.startsWith(`${o}[]`));
}

function checkValue(value: unknown, type: FieldType, path: string, optional: string[], out: Disagreement[]): void {
  if (typeof type === "string") {
    if (type === "any" || type === "map") return;
    const actual = typeof value;
    if (actual !== type) out.push({ path, kind: "type", detail: `expected ${type}, got ${actual} ${JSON.stringify(value)}` });
    return;
  }
  if (isModel(type)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      out.push({ path, kind: "type", detail: `expected an object, got ${JSON.stringify(value)}` });
      return;
    }
    checkObject(value as Record<string, unknown>, type, path, optional, out);
    return;
  }
  if (type.type === "map") return;
  if (!Array.isArray(value)) {
    out.push({ path, kind: "type", detail: `expected an array, got ${JSON.stringify(value)}` });
    return;
  }
  value.forEach((item) => checkValue(item, type.itemType, `${path}[]`, optional, out));
}

function checkObject(obj: Record<string, unknown>, model: ModelClass, path: string, optional: string[], out: Disagreement[]): void {
  const names = model.names();
  const types = model.types();
  const byWireName = new Map(Object.entries(names).map(([prop, wire]) => [wire, types[prop] as FieldType]));
  const at = (name: string) => (path ? `${path}.${name}` : name);
  for (const [name, value] of Object.entries(obj)) {
    const type = byWireName.get(name);
    if (type === undefined) out.push({ path: at(name), kind: "unknown", detail: "not in the SDK model" });
    else checkValue(value, type, at(name), optional, out);
  }
  for (const name of byWireName.keys()) {
    if (!(name in obj) && !isOptional(at(name), optional)) out.push({ path: at(name), kind: "missing", detail: "in the model, not in the answer" });
  }
}

/** Every disagreement between a JSON answer and the action's response model. */
export function compareWithModel(action: string, body: unknown, optional: string[] = []): Disagreement[] {
  const out: Disagreement[] = [];
  checkValue(body, responseModel(action), "", optional, out);
  return out;
}
