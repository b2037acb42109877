// waitUntil: acceptors, backoff bounds, deadline, abort, transient poll errors.
import { backoffDelay } from "../../provider/ecs/backoff";
import { EcsError } from "../../provider/ecs/errors";
import { waitUntil, WaiterAbortedError, WaiterFailureError, WaiterTimeoutError } from "../../provider/ecs/waiter";

type Status = "Running" | "Stopping" | "Stopped" | "Deleted";

function script(...states: Status[]) {
  let i = 0;
  return { poll: async () => states[Math.min(i++, states.length - 1)], polls: () => i };
}

const toStopped = (s: Status) =>
  s === "Stopped"
    ? { state: "success" as const }
    : s === "Deleted"
      ? { state: "failure" as const, reason: "the instance was released" }
      : { state: "retry" as const };

const base = { description: "instance i-1 to be Stopped", describe: (s: Status) => s, acceptors: toStopped, minDelayMs: 1, maxDelayMs: 4 };

test("polls until the success acceptor and returns that state", async () => {
  const s = script("Running", "Stopping", "Stopping", "Stopped");
  await expect(waitUntil({ ...base, poll: s.poll, timeoutMs: 10000 })).resolves.toBe("Stopped");
  expect(s.polls()).toBe(4);
});

test("a failure acceptor throws WaiterFailureError with its reason", async () => {
  const s = script("Stopping", "Deleted");
  const err = await waitUntil({ ...base, poll: s.poll, timeoutMs: 10000 }).catch((e) => e);
  expect(err).toBeInstanceOf(WaiterFailureError);
  expect(err.message).toContain("the instance was released");
  expect(err.message).toContain("instance i-1 to be Stopped");
});

test("the timeout says what, how long and the last state seen", async () => {
  const s = script("Stopping");
  const err = await waitUntil({ ...base, poll: s.poll, timeoutMs: 40 }).catch((e) => e);
  expect(err).toBeInstanceOf(WaiterTimeoutError);
  expect(err.message).toBe("Timed out after 40ms waiting for instance i-1 to be Stopped; last seen: Stopping");
  expect(s.polls()).toBeGreaterThan(1);
});

test("the message format for long timeouts reads in seconds", () => {
  expect(new WaiterTimeoutError("instance i-1 to be Stopped", 300000, "Stopping").message).toBe(
    "Timed out after 300s waiting for instance i-1 to be Stopped; last seen: Stopping",
  );
});

test("abort ends the wait with WaiterAbortedError", async () => {
  const controller = new AbortController();
  let polls = 0;
  const run = waitUntil({
    ...base,
    minDelayMs: 50,
    maxDelayMs: 50,
    timeoutMs: 60000,
    signal: controller.signal,
    poll: async () => {
      if (++polls === 2) controller.abort();
      return "Stopping" as Status;
    },
  });
  const err = await run.catch((e) => e);
  expect(err).toBeInstanceOf(WaiterAbortedError);
  expect(err.message).toContain("last seen: Stopping");
  expect(polls).toBe(2);
});

test("transient poll errors count as retry; terminal ones are thrown", async () => {
  let polls = 0;
  const flaky = async (): Promise<Status> => {
    polls++;
    if (polls === 1) throw new EcsError({ action: "DescribeInstances", code: "Throttling.User", detail: "slow", httpStatus: 400 });
    if (polls === 2) throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    return "Stopped";
  };
  await expect(waitUntil({ ...base, poll: flaky, timeoutMs: 10000 })).resolves.toBe("Stopped");

  const denied = new EcsError({ action: "DescribeInstances", code: "Forbidden.RAM", detail: "no", httpStatus: 403 });
  await expect(waitUntil({ ...base, poll: async () => Promise.reject(denied), timeoutMs: 10000 })).rejects.toBe(denied);
});

test("a timeout when every poll failed says so", async () => {
  const down = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
  const err = await waitUntil({ ...base, poll: () => Promise.reject(down), timeoutMs: 20 }).catch((e) => e);
  expect(err).toBeInstanceOf(WaiterTimeoutError);
  expect(err.message).toMatch(/last seen: nothing yet \(last poll failed: .*ECONNREFUSED/);
});

test("backoff: jittered between min and an exponential ceiling capped at max", () => {
  const shape = { minDelayMs: 2000, maxDelayMs: 20000 };
  expect(backoffDelay(1, shape, () => 1)).toBe(2000);
  expect(backoffDelay(3, shape, () => 1)).toBe(8000);
  expect(backoffDelay(3, shape, () => 0)).toBe(2000);
  expect(backoffDelay(10, shape, () => 1)).toBe(20000);
  expect(backoffDelay(10, shape, () => 0.5)).toBe(11000);
});
