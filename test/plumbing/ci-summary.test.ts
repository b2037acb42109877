// The tail of a CI log says what broke (scripts/ci-summary.js): each failed test with its first
// assertion line, then "N passed, M failed".
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SCRIPT = path.join(__dirname, "..", "..", "scripts", "ci-summary.js");

function run(results: object[], status = "1"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ci-summary-"));
  const files = results.map((r, i) => {
    const f = path.join(dir, `r${i}.json`);
    fs.writeFileSync(f, JSON.stringify(r));
    return f;
  });
  try {
    return execFileSync(process.execPath, [SCRIPT, ...files, path.join(dir, "missing.json")], { encoding: "utf8", env: { ...process.env, CI_STATUS: status } });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("each failed test is named with its first assertion line, before the totals line", () => {
  const unit = {
    numPassedTests: 10,
    numFailedTests: 1,
    numRuntimeErrorTestSuites: 1,
    testResults: [
      {
        name: path.join(process.cwd(), "test/a.test.ts"),
        status: "failed",
        assertionResults: [
          { status: "passed", fullName: "fine" },
          { status: "failed", fullName: "window closes once", failureMessages: ["Error: \u001b[2mexpect(\u001b[22mreceived).toBe(expected)\n\nExpected: 1\nReceived: 2\n    at x (a.ts:1:1)"] },
        ],
      },
      { name: path.join(process.cwd(), "test/b.test.ts"), status: "failed", message: "  ● Test suite failed to run\n\n    Cannot find module './gone'", assertionResults: [] },
    ],
  };
  const clients = { numPassedTests: 5, numFailedTests: 0 };
  const out = run([unit, clients]).trim().split("\n");
  expect(out.at(-1)).toBe("15 passed, 2 failed");
  expect(out).toContain("  FAIL test/a.test.ts › window closes once: Error: expect(received).toBe(expected)");
  expect(out).toContain("  FAIL test/b.test.ts (suite did not run): ● Test suite failed to run");
});

test("a run that exited non-zero without a failed test still counts one failure, and says so", () => {
  const out = run([{ numPassedTests: 3, numFailedTests: 0, testResults: [] }], "2").trim().split("\n");
  expect(out.at(-1)).toBe("3 passed, 1 failed");
  expect(out.some((l) => l.includes("exited non-zero"))).toBe(true);
});

test("a green run prints only the totals", () => {
  expect(run([{ numPassedTests: 7, numFailedTests: 0, testResults: [] }], "0").trim()).toBe("7 passed, 0 failed");
});
