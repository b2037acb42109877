// withRetry on its own: which errors are retried, the policy from env, abort.
import { AbortedError } from "../../provider/ecs/backoff";
import { EcsError } from "../../provider/ecs/errors";
import { withRetry } from "../../provider/ecs/retry";
import { pollTiming, retryPolicy } from "../../provider/ecs/timing";

const TINY = { retries: 4, minDelayMs: 1, maxDelayMs: 3 };

function failing(...errors: unknown[]) {
  let calls = 0;
  const fn = async () => {
    const err = errors[calls++];
    if (err) throw err;
    return "ok";
  };
  return { fn, calls: () => calls };
}

function ecs(code: string, httpStatus?: number) {
  return new EcsError({ action: "StopInstance", code, detail: "x", httpStatus });
}

test("retryable errors are retried until success", async () => {
  const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
  const f = failing(ecs("Throttling.User", 400), ecs("ServiceUnavailable", 503), reset);
  await expect(withRetry("StopInstance", f.fn, TINY)).resolves.toBe("ok");
  expect(f.calls()).toBe(4);
});

test("terminal and conflict errors fail at once (conflicts are the operations layer's to wait out)", async () => {
  for (const code of ["IncorrectInstanceStatus", "Operation.Conflict"]) {
    const f = failing(ecs(code, 403));
    const err = await withRetry("StopInstance", f.fn, TINY).catch((e) => e);
    expect(err).toMatchObject({ code, attempts: 1 });
    expect(f.calls()).toBe(1);
  }
});

test("a plain error becomes an EcsError naming the action", async () => {
  const err = await withRetry("DescribeDisks", async () => {
    throw new TypeError("Cannot read properties of undefined");
  }, TINY).catch((e) => e);
  expect(err).toBeInstanceOf(EcsError);
  expect(err.message).toMatch(/^ECS DescribeDisks failed: TypeError/);
});

test("abort stops the retry loop while it waits", async () => {
  const controller = new AbortController();
  let calls = 0;
  const run = withRetry(
    "StartInstance",
    async () => {
      calls++;
      if (calls === 2) controller.abort();
      throw ecs("ServiceUnavailable", 503);
    },
    { retries: 10, minDelayMs: 1, maxDelayMs: 2, signal: controller.signal },
  );
  await expect(run).rejects.toBeInstanceOf(AbortedError);
  expect(calls).toBe(2);
});

test("a throwing observer does not fail the call", async () => {
  const result = await withRetry("DescribeRegions", async () => "fine", TINY, {
    onAttempt: () => {
      throw new Error("observer bug");
    },
  });
  expect(result).toBe("fine");
});

test("policies: real-cloud defaults, env overrides, explicit wins", () => {
  expect(retryPolicy({}, {})).toMatchObject({ retries: 6, minDelayMs: 1000, maxDelayMs: 30000 });
  const env = { DISKOPS_RETRIES: "2", DISKOPS_RETRY_MIN_MS: "5", DISKOPS_RETRY_MAX_MS: "50" };
  expect(retryPolicy({}, env)).toMatchObject({ retries: 2, minDelayMs: 5, maxDelayMs: 50 });
  expect(retryPolicy({ retries: 9, maxDelayMs: undefined }, env)).toMatchObject({ retries: 9, maxDelayMs: 50 });
  expect(retryPolicy({}, { DISKOPS_RETRIES: "lots" }).retries).toBe(6);
  expect(pollTiming({}, {})).toEqual({ minDelayMs: 1000, maxDelayMs: 20000 });
  expect(pollTiming({}, { DISKOPS_POLL_MIN_MS: "1", DISKOPS_POLL_MAX_MS: "4" })).toEqual({ minDelayMs: 1, maxDelayMs: 4 });
});

test("retries honour DISKOPS_RETRIES from the process environment", async () => {
  const saved = process.env.DISKOPS_RETRIES;
  process.env.DISKOPS_RETRIES = "1";
  try {
    const f = failing(ecs("InternalError", 500), ecs("InternalError", 500), ecs("InternalError", 500));
    const err = await withRetry("StopInstance", f.fn, { minDelayMs: 1, maxDelayMs: 2 }).catch((e) => e);
    expect(err).toMatchObject({ code: "InternalError", attempts: 2 });
    expect(f.calls()).toBe(2);
  } finally {
    if (saved === undefined) delete process.env.DISKOPS_RETRIES;
    else process.env.DISKOPS_RETRIES = saved;
  }
});
