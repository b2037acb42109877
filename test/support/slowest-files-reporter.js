// A jest reporter: at the end of `npm test`, the ten slowest test files (to keep the suite within
// CI's time budget, know where the time goes).
"use strict";
class SlowestFilesReporter {
  constructor(_globalConfig, options = {}) {
    this.count = options.count ?? 10;
  }

  onRunComplete(_contexts, results) {
    const files = results.testResults
      .map((r) => ({ file: r.testFilePath.replace(`${process.cwd()}/`, ""), seconds: (r.perfStats.end - r.perfStats.start) / 1000 }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, this.count);
    if (files.length === 0) return;
    const lines = files.map((f) => `  ${f.seconds.toFixed(1).padStart(7)} s  ${f.file}`);
    process.stderr.write(`\nSlowest ${files.length} test files:\n${lines.join("\n")}\n`);
  }
}
module.exports = SlowestFilesReporter;
