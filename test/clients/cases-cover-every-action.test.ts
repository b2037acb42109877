// The conformance cases (run by the Node suites here and by the Python suite, npm run
// test:clients) call every action of the emulator's registry, and the response fields they let an
// answer leave out are real fields of the SDK's model (a renamed or mistyped path would excuse nothing).
import { ACTIONS } from "../../emulator/actions";
import { loadSpec } from "./support/cases";
import { responseModel } from "./support/model-check";

const spec = loadSpec();

test("every action the emulator serves has a case, and every case names a served action", () => {
  expect([...new Set(spec.cases.map((c) => c.action))].sort()).toEqual(Object.keys(ACTIONS).sort());
});

test("every read case checks at least one value of its answer", () => {
  for (const c of spec.cases.filter((x) => !x.error && /^(Describe|List)/.test(x.action))) {
    expect([c.name, Object.keys({ ...c.count, ...c.equals, ...c.save }).length > 0]).toEqual([c.name, true]);
  }
});

interface ModelClass {
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

/** Whether `path` (`A.B[].C`) names a field of the model. */
function modelHasPath(model: ModelClass, path: string): boolean {
  let cur: ModelClass | undefined = model;
  for (const step of path.split(".")) {
    if (!cur) return false;
    const name = step.replace(/\[\]$/, "");
    const prop: string | undefined = Object.keys(cur.names()).find((p) => cur!.names()[p] === name);
    if (prop === undefined) return false;
    const type: unknown = cur.types()[prop];
    const item: unknown = (type as { itemType?: unknown } | undefined)?.itemType;
    cur = typeof type === "function" ? (type as unknown as ModelClass) : typeof item === "function" ? (item as unknown as ModelClass) : undefined;
  }
  return true;
}

test("every optional field is a field of that action's response model", () => {
  const stale = Object.entries(spec.optionalFields).flatMap(([action, paths]) => paths.filter((p) => !modelHasPath(responseModel(action), p)).map((p) => `${action}: ${p}`));
  expect(stale).toEqual([]);
});
