import { describePowerOutcome, StepTimeoutError } from "../../provider/operations/errors";
import { DEFAULT_TIMEOUTS, stepTimeoutMs } from "../../provider/operations/timeouts";

describe("step timeouts", () => {
  it("reads seconds and duration strings, falling back to the defaults", () => {
    expect(stepTimeoutMs({ stop: 90 }, "stop")).toBe(90_000);
    expect(stepTimeoutMs({ restore: "10m" }, "restore")).toBe(600_000);
    expect(stepTimeoutMs({ start: "1.5s" }, "start")).toBe(1500);
    expect(stepTimeoutMs(undefined, "replace")).toBe(DEFAULT_TIMEOUTS.replace * 1000);
    expect(DEFAULT_TIMEOUTS).toEqual({ stop: 300, restore: 1200, replace: 1800, start: 300, snapshot: 3600 });
  });
});

describe("error texts", () => {
  it("a timeout says what it waited for and the last state seen", () => {
    const e = new StepTimeoutError("restore", "disk d-1 to finish", "d-1 ReIniting", 2000);
    expect(e.message).toContain("waiting for disk d-1 to finish");
    expect(e.message).toContain("last state seen: d-1 ReIniting");
    expect(e.message).toContain("timeouts.restore");
  });

  it("says the instance was started again, or that restoring failed and what to do", () => {
    expect(describePowerOutcome({ instanceId: "i-x", statusBefore: "Running", statusAfter: "Running", stoppedByUs: true })).toBe(
      " The instance i-x was started again (it was Running before).",
    );
    const failed = describePowerOutcome({
      instanceId: "i-x",
      statusBefore: "Running",
      statusAfter: "Stopped",
      stoppedByUs: true,
      restoreError: "boom.",
    });
    expect(failed).toContain("restoring its power state failed: boom.");
    expect(failed).toContain("Start it yourself");
    expect(describePowerOutcome({ instanceId: "i-x", statusBefore: "Running", statusAfter: "Running", stoppedByUs: false })).toBe("");
  });
});
