#!/usr/bin/env node
// npm run test:clients [-- --json-out FILE]: drives the emulator with Alibaba's Python SDKs
// (test/clients/python/conformance.py). The SDKs are installed from PyPI into a virtual
// environment under .tools/python-clients/, reused while test/clients/python/requirements.txt and
// the Python version are unchanged. Where Python, venv or PyPI is missing, the suite is skipped
// with the reason and exits 0 (no --json-out file is written then). Needs dist/ (the pre-script builds).
"use strict";
const { spawn, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const readline = require("readline");

const root = path.resolve(__dirname, "..");
const suiteDir = path.join(root, "test", "clients");
const requirements = path.join(suiteDir, "python", "requirements.txt");
const venv = path.join(root, ".tools", "python-clients");
const venvPython = path.join(venv, "bin", "python");
const stampFile = path.join(venv, ".installed");

function skip(reason) {
  console.log(`clients: skipped: ${reason}`);
  process.exit(0);
}

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: "utf8", ...opts });
}

function lastLines(text, n = 5) {
  return (text || "").trim().split("\n").slice(-n).join("\n  ");
}

function findPython() {
  for (const cmd of [process.env.PYTHON, "python3", "python"].filter(Boolean)) {
    const r = run(cmd, ["-c", "import sys, venv; assert sys.version_info >= (3, 8); print(sys.version.split()[0])"]);
    if (r.status === 0) return { cmd, version: r.stdout.trim() };
  }
  return undefined;
}

/** Creates (or reuses) the virtual environment with the pinned SDKs. */
function ensureVenv(python) {
  const stamp = crypto.createHash("sha256").update(fs.readFileSync(requirements)).update(python.version).digest("hex");
  if (fs.existsSync(venvPython) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) {
    console.log(`clients: Python ${python.version}, SDKs already installed in ${path.relative(root, venv)}`);
    return;
  }
  fs.rmSync(venv, { recursive: true, force: true });
  const made = run(python.cmd, ["-m", "venv", venv]);
  if (made.status !== 0) skip(`python -m venv failed (is the venv module installed?):\n  ${lastLines(made.stderr)}`);
  console.log(`clients: installing the Python SDKs from PyPI into ${path.relative(root, venv)}`);
  const pip = run(venvPython, ["-m", "pip", "install", "--disable-pip-version-check", "--quiet", "-r", requirements]);
  if (pip.status !== 0) {
    fs.rmSync(venv, { recursive: true, force: true });
    skip(`pip could not install the SDKs from PyPI:\n  ${lastLines(pip.stderr || pip.stdout)}`);
  }
  fs.writeFileSync(stampFile, stamp);
}

/** Starts the built emulator (demo fleet, time scale 0) and resolves with its host:port. */
function startEmulator() {
  const cli = path.join(root, "dist", "emulator", "cli.js");
  if (!fs.existsSync(cli)) throw new Error(`${path.relative(root, cli)} is missing: run npm run build`);
  const child = spawn(process.execPath, [cli, "--port", "0", "--time-scale", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      const m = /http:\/\/([^\s)]+)/.exec(line);
      if (m) resolve({ child, endpoint: m[1] });
      else reject(new Error(`unexpected emulator output: ${line}`));
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before it listened`)));
  });
}

async function main() {
  const jsonOut = process.argv.includes("--json-out") ? process.argv[process.argv.indexOf("--json-out") + 1] : undefined;
  const python = findPython();
  if (!python) skip("no Python 3.8+ with the venv module (python3, python, or $PYTHON)");
  ensureVenv(python);

  const { child, endpoint } = await startEmulator();
  const stopped = new Promise((resolve) => child.once("exit", resolve));
  try {
    const args = [path.join(suiteDir, "python", "conformance.py"), "--endpoint", endpoint, "--cases", path.join(suiteDir, "conformance-cases.json")];
    if (jsonOut) args.push("--json-out", path.resolve(jsonOut));
    const suite = spawn(venvPython, args, { stdio: "inherit" });
    const code = await new Promise((resolve) => suite.once("exit", (c) => resolve(c ?? 1)));
    process.exitCode = code;
  } finally {
    child.kill("SIGTERM");
    await stopped;
  }
}

main().catch((e) => {
  console.error(`clients: ${e.message}`);
  process.exit(1);
});
