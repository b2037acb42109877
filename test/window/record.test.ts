// The intent record's tag format (provider/operations/window/record.ts): round trips, ECS's
// 128-character limit, and records of the previous format read as holders.
import {
  decodeHolder,
  encodeHolder,
  holderKey,
  isExpired,
  MAX_TAG_TEXT,
  readWindowTags,
  stackOwnerId,
  wantsRunning,
} from "../../provider/operations/window/record";

const T0 = Date.UTC(2026, 11, 5, 20, 0, 0);

test("a holder record round-trips and fits an ECS tag value", () => {
  const key = holderKey("0123456789ab", "beef");
  const fields = { phase: "done" as const, before: "Running", since: T0, until: T0 + 1_800_000, want: "run" as const, failed: true, from: "d-bp1abcdefghijklmnopq", was: "m-old" };
  const text = encodeHolder(fields);
  expect(text).toBe("done before=Running since=20261205T200000Z until=20261205T203000Z want=run failed from=d-bp1abcdefghijklmnopq was=m-old");
  expect(decodeHolder(key, text)).toEqual({ key, owner: "0123456789ab", incarnation: "beef", ...fields });
});

test("the image before is left out when it would not fit; the rest always fits", () => {
  const text = encodeHolder({ phase: "closing", before: "Stopped", since: T0, until: T0, want: "stop", failed: true, from: "d-bp1abcdefghijklmnopq", was: "x".repeat(80) });
  expect(text.length).toBeLessThanOrEqual(MAX_TAG_TEXT);
  expect(text).not.toContain("was=");
});

test("a fleet's records are the same text on every instance (one TagResources call serves 50)", () => {
  const a = encodeHolder({ phase: "open", before: "Running", since: T0, until: T0 + 60_000 });
  const b = encodeHolder({ phase: "open", before: "Running", since: T0, until: T0 + 60_000 });
  expect(a).toBe(b);
  expect(a).not.toMatch(/i-|d-/);
});

test("records of the previous format are read as holders; a closing legacy window makes its closer a closing holder", () => {
  const tags = {
    "diskops:window": "closing before=Running since=20261205T200000Z until=20261205T201000Z by=aaaaaaaaaaaa",
    "diskops:op:aaaaaaaaaaaa": "restore done policy=restore before=Running since=20261205T200000Z until=20261205T203000Z want=run reset=2",
    "diskops:op:bbbbbbbbbbbb": "replace running policy=start before=Running since=20261205T200100Z until=20261205T203100Z from=d-old was=m-old",
    "diskops:op:cccccccccccc": "garbled",
    "diskops:owner:0123456789ab.beef": "open before=Stopped since=20261205T200200Z until=20261205T203200Z",
    "team": "web",
  };
  const read = readWindowTags(tags);
  expect(read.holders.map((h) => [h.key, h.phase, h.before, h.legacy ?? false, h.want, h.from])).toEqual([
    ["diskops:op:aaaaaaaaaaaa", "closing", "Running", true, "run", undefined],
    ["diskops:op:bbbbbbbbbbbb", "open", "Running", true, undefined, "d-old"],
    ["diskops:owner:0123456789ab.beef", "open", "Stopped", false, undefined, undefined],
  ]);
  expect(read.unreadable).toEqual(["diskops:op:cccccccccccc"]);
  expect(read.legacyWindow?.by).toBe("aaaaaaaaaaaa");
});

test("a holder is gone a little after its until (cloud time is known to about a second)", () => {
  const h = decodeHolder(holderKey("0123456789ab", "0001"), encodeHolder({ phase: "open", before: "Running", since: T0, until: T0 + 60_000 }))!;
  expect(isExpired(h, T0 + 60_000 + 4_000)).toBe(false);
  expect(isExpired(h, T0 + 60_000 + 6_000)).toBe(true);
});

test("the owner id is the stack's, stable, and 12 hex", () => {
  expect(stackOwnerId("shop", "prod")).toBe(stackOwnerId("shop", "prod"));
  expect(stackOwnerId("shop", "prod")).not.toBe(stackOwnerId("shop", "staging"));
  expect(stackOwnerId("shop", "prod")).toMatch(/^[0-9a-f]{12}$/);
});

test.each([
  ["restore", "Running", true, true],
  ["restore", "Stopped", true, false],
  ["start", "Stopped", true, true],
  ["leave-stopped", "Running", true, false],
  ["leave-stopped", "Running", false, true], // a failure restores the state before
  ["start", "Stopped", false, false],
] as const)("policy %s, %s before, succeeded %s: wants Running = %s", (policy, before, ok, want) => {
  expect(wantsRunning(policy, before, ok)).toBe(want);
});
