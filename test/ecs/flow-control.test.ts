// The call budget against the emulator's flow control: many concurrent callers of one action
// under a small limit all get through (throttles become waits, not errors), a throttled poll is
// retried within the budget, and callers of other actions are not held up.
import type { EcsApi } from "../../provider/ecs/api";
import type { BudgetEvent } from "../../provider/ecs/call-budget";
import { createEcsApi } from "../../provider/ecs/client";
import { batcherFor } from "../../provider/ecs/describe-batcher";
import { resolveEcsSettings } from "../../provider/ecs/settings";
import { waitUntil } from "../../provider/ecs/waiter";
import { DEMO_ACCESS_KEY, DEMO_IDS, DEMO_REGION, RunningEmulator, startEmulator } from "../../emulator";

const { disks: D, instances: I } = DEMO_IDS;
let emulator: RunningEmulator;
let api: EcsApi;
const events: BudgetEvent[] = [];

beforeAll(async () => {
  // 4 DescribeDisks calls per 300 ms: a burst of 12 callers must be paced through three windows.
  emulator = await startEmulator({ timeScale: 0.01, rateLimits: { DescribeDisks: { limit: 4, windowSeconds: 0.3 } } });
  const settings = resolveEcsSettings({
    env: {
      ALIBABA_CLOUD_ECS_ENDPOINT: emulator.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.AccessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.AccessKeySecret,
    },
    config: { "alicloud:region": DEMO_REGION },
  });
  api = createEcsApi(settings, { retry: { retries: 6, minDelayMs: 1, maxDelayMs: 5 }, onBudgetEvent: (e) => events.push(e) });
});
afterAll(() => emulator.close());

test("12 concurrent callers under a limit of 4: every call is answered, throttles were absorbed by the shared pause", async () => {
  const answers = await Promise.all(Array.from({ length: 12 }, () => api.describeDisks(DEMO_REGION, { diskIds: [D.webData1] })));
  expect(answers.every((a) => a[0]?.diskId === D.webData1)).toBe(true);
  const throttled = emulator.calls().filter((c) => c.Action === "DescribeDisks" && c.Code === "Throttling.User");
  expect(throttled.length).toBeGreaterThan(0); // the limit was really hit...
  expect(events.filter((e) => e.action === "DescribeDisks").length).toBe(throttled.length); // ...and every throttle paused the action
  expect(events.every((e) => e.retryAfterMs !== undefined && e.retryAfterMs > 0)).toBe(true);
});

test("a waiter whose poll is throttled keeps waiting and ends on its success state", async () => {
  await fetch(`${emulator.url}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ Action: "DescribeInstances", Code: "Throttling.User", HttpStatus: 400, Count: 2 }),
  });
  const before = emulator.calls().length;
  const instance = await waitUntil({
    description: `instance ${I.web} to be Running`,
    poll: () => batcherFor(api).getInstance(DEMO_REGION, I.web),
    acceptors: (i) => ({ state: i?.status === "Running" ? "success" : "retry" }),
    describe: (i) => i?.status ?? "not found",
    minDelayMs: 5,
    timeoutMs: 30_000,
  });
  expect(instance?.status).toBe("Running");
  const polls = emulator.calls().slice(before).filter((c) => c.Action === "DescribeInstances");
  expect(polls.map((c) => c.Code ?? "ok")).toEqual(["Throttling.User", "Throttling.User", "ok"]);
});
