// A step's deadline bounds the retries of every ECS call made for it (provider/ecs/deadline.ts):
// a call that keeps failing with a retryable error stops being retried when the step's time is up.
import { withDeadline, currentDeadline } from "../../provider/ecs/deadline";
import { withRetry } from "../../provider/ecs/retry";

const networkError = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

describe("step deadlines bound retries", () => {
  it("without a deadline, a retryable failure is retried as often as the policy allows", async () => {
    let attempts = 0;
    await expect(withRetry("DescribeDisks", async () => { attempts++; throw networkError(); }, { retries: 4, minDelayMs: 1, maxDelayMs: 2 })).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(attempts).toBe(5);
  });

  it("with a deadline the next delay would pass, it fails with the call's own error instead of retrying", async () => {
    let attempts = 0;
    const run = withDeadline(Date.now() + 40, () =>
      withRetry("DescribeDisks", async () => { attempts++; throw networkError(); }, { retries: 20, minDelayMs: 25, maxDelayMs: 25 }),
    );
    await expect(run).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(attempts).toBeLessThan(4);
  });

  it("the tighter of nested deadlines wins, and the deadline is gone outside its scope", async () => {
    const outer = Date.now() + 1000;
    await withDeadline(outer, () => withDeadline(outer + 5000, async () => expect(currentDeadline()).toBe(outer)));
    expect(currentDeadline()).toBeUndefined();
  });
});
