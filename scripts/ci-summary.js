#!/usr/bin/env node
// The last lines of a CI run: every failed test with its first assertion line, then the plain
// line "N passed, M failed" that CI reads. So the tail of the log alone says what broke.
// usage: node scripts/ci-summary.js RESULT.json... (jest --json files, or { numPassedTests, numFailedTests })
// CI_STATUS: the run's exit status; a failed run without a failed test still counts one failure.
"use strict";
const fs = require("fs");
const path = require("path");

/** The first line of a failure message that says what was expected (jest's or an Error's). */
function firstAssertionLine(message) {
  const lines = String(message ?? "")
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const pick = lines.find((l) => /^(expect\(|Expected|Received|Error:|thrown:|AssertionError|TypeError|Timed out|Exceeded timeout)/.test(l)) ?? lines[0] ?? "";
  return pick.length > 240 ? `${pick.slice(0, 237)}...` : pick;
}

function summarize(files, ciStatus) {
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const f of files) {
    if (!fs.existsSync(f) || fs.statSync(f).size === 0) continue;
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
    for (const suite of r.testResults ?? []) {
      const file = path.relative(process.cwd(), suite.name ?? "");
      const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === "failed");
      for (const t of failedTests) failures.push(`FAIL ${file} › ${t.fullName}: ${firstAssertionLine((t.failureMessages ?? [])[0])}`);
      // A suite that could not run (compile error, crash) has no test results, only a message.
      if (failedTests.length === 0 && suite.status === "failed") failures.push(`FAIL ${file} (suite did not run): ${firstAssertionLine(suite.message)}`);
    }
  }
  if (ciStatus !== "0" && failed === 0) {
    failed = 1;
    failures.push("FAIL (no test failed, but a step of the run exited non-zero: see the log above)");
  }
  return { passed, failed, failures };
}

if (require.main === module) {
  const { passed, failed, failures } = summarize(process.argv.slice(2), process.env.CI_STATUS ?? "0");
  if (failures.length) {
    console.log(`\nFailed (${failures.length}):`);
    for (const f of failures) console.log(`  ${f}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
}

module.exports = { summarize, firstAssertionLine };
