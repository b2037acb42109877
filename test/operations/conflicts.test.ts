import { callThroughConflicts } from "../../provider/operations/conflicts";

process.env.DISKOPS_POLL_MIN_MS = "1";
process.env.DISKOPS_POLL_MAX_MS = "5";

const conflict = (code: string) => Object.assign(new Error(code), { code });

describe("callThroughConflicts", () => {
  it("waits out a transient conflict and calls again", async () => {
    let calls = 0;
    let settles = 0;
    const result = await callThroughConflicts(
      async () => {
        if (++calls < 3) throw conflict("Operation.Conflict");
        return "ok";
      },
      { deadline: Date.now() + 5000, settle: async () => (++settles, true) },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
    expect(settles).toBe(2);
  });

  it("fails at once on a terminal error", async () => {
    let calls = 0;
    await expect(
      callThroughConflicts(
        async () => {
          calls++;
          throw conflict("InvalidParameter.Mismatch");
        },
        { deadline: Date.now() + 5000, settle: async () => true },
      ),
    ).rejects.toThrow("InvalidParameter.Mismatch");
    expect(calls).toBe(1);
  });

  it("gives up when the conflict persists while nothing is moving", async () => {
    let calls = 0;
    await expect(
      callThroughConflicts(
        async () => {
          calls++;
          throw conflict("IncorrectInstanceStatus");
        },
        { deadline: Date.now() + 5000, settle: async () => false, stableRetries: 2 },
      ),
    ).rejects.toThrow("IncorrectInstanceStatus");
    expect(calls).toBe(3);
  });

  it("stops at the deadline", async () => {
    await expect(
      callThroughConflicts(async () => {
        throw conflict("Operation.Conflict");
      }, { deadline: Date.now() + 30, settle: async () => true }),
    ).rejects.toThrow("Operation.Conflict");
  });
});
