// Writing one record to many instances in few calls (provider/operations/window/tag-writer.ts).
import { TagWriter } from "../../provider/operations/window/tag-writer";
import { EcsError } from "../../provider/ecs/errors";

type Call = { action: string; ids: string[]; what: unknown };

function fakeApi(fail?: (ids: string[]) => unknown) {
  const calls: Call[] = [];
  const api = {
    async tagResources(_region: string, _type: string, ids: string | string[], tags: Record<string, string>) {
      const list = typeof ids === "string" ? [ids] : ids;
      calls.push({ action: "TagResources", ids: list, what: tags });
      const err = fail?.(list);
      if (err) throw err;
      return { requestId: "r" };
    },
    async untagResources(_region: string, _type: string, ids: string | string[], keys: string[]) {
      calls.push({ action: "UntagResources", ids: typeof ids === "string" ? [ids] : ids, what: keys });
      return { requestId: "r" };
    },
  };
  return { api, calls };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `i-${String(i).padStart(3, "0")}`);

test("the same tags for 120 instances go in 3 calls of at most 50 ids", async () => {
  const { api, calls } = fakeApi();
  const writer = new TagWriter(api as never, 5);
  await Promise.all(ids(120).map((id) => writer.tag("r", id, { "diskops:owner:x.y": "open before=Running" })));
  expect(calls.map((c) => c.ids.length)).toEqual([50, 50, 20]);
  expect(new Set(calls.flatMap((c) => c.ids)).size).toBe(120);
});

test("different values make different calls; keys to remove group the same way", async () => {
  const { api, calls } = fakeApi();
  const writer = new TagWriter(api as never, 5);
  await Promise.all([
    ...ids(10).map((id) => writer.tag("r", id, { k: "before=Running" })),
    ...ids(10).map((id) => writer.tag("r", `${id}s`, { k: "before=Stopped" })),
    ...ids(10).map((id) => writer.untag("r", id, ["b", "a", "a"])),
  ]);
  expect(calls.map((c) => [c.action, c.ids.length, c.what])).toEqual([
    ["TagResources", 10, { k: "before=Running" }],
    ["TagResources", 10, { k: "before=Stopped" }],
    ["UntagResources", 10, ["a", "b"]],
  ]);
});

test("a batch refused because of one instance is split: only that instance's caller fails", async () => {
  const bad = "i-003";
  const notFound = new EcsError({ action: "TagResources", code: "InvalidResourceId.NotFound", detail: "no such instance", httpStatus: 404 });
  const { api, calls } = fakeApi((list) => (list.includes(bad) ? notFound : undefined));
  const writer = new TagWriter(api as never, 5);
  const results = await Promise.allSettled(ids(6).map((id) => writer.tag("r", id, { k: "v" })));
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
  expect(calls[0].ids).toHaveLength(6);
  expect(calls.slice(1).every((c) => c.ids.length === 1)).toBe(true);
});

test("a permission denial fails every caller at once (it concerns the call, not one instance)", async () => {
  const denied = new EcsError({ action: "TagResources", code: "Forbidden.RAM", detail: "denied", httpStatus: 403 });
  const { api, calls } = fakeApi(() => denied);
  const writer = new TagWriter(api as never, 5);
  const results = await Promise.allSettled(ids(4).map((id) => writer.tag("r", id, { k: "v" })));
  expect(results.every((r) => r.status === "rejected")).toBe(true);
  expect(calls).toHaveLength(1);
});
