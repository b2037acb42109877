// The README's hand-run route, the exact lines of the block after `<!-- test:hand-run -->`, run by
// bash in a fresh clone as a newcomer would type them (no Pulumi on PATH, no cloud credentials).
// Two things the test adds around the lines, not in them: the emulator's port 18080 becomes a free
// one (other runs share this machine), and an EXIT trap stops the background emulator. PULUMI_HOME
// is a temp folder (the newcomer's ~/.pulumi). Then: nothing git tracks changed and nothing
// untracked appeared, and `npm run demo` in the same clone works after it (the stack file keeps
// the salt of the demo's passphrase) through the CLI and language host that cli:install put there.
import { spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { readmeMarked } from "../support/readme";
import { freshClone, gitStatus } from "./support/fresh-clone";
import { userShellEnv } from "./support/packed-package";
import { CLI_VERSION, HOST_VERSION } from "./support/tested-versions";

jest.setTimeout(900_000);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** bash -c SCRIPT in its own process group; the whole group is killed once bash is done. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", script], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("exit", (code) => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // The group is gone already.
      }
      resolve({ code: code ?? 1, output });
    });
  });
}

let dir: string;
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the README's hand-run lines work from a fresh clone, change no tracked file, and npm run demo works after them", async () => {
  const block = readmeMarked("hand-run", "block");
  expect(block).toContain("pulumi up");
  expect(block).toContain("18080");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-hand-run-"));
  const clone = freshClone(path.join(dir, "clone"));

  const env = userShellEnv({ PULUMI_HOME: path.join(dir, "pulumi-home"), CI: "true", NO_COLOR: "1" });
  for (const k of Object.keys(env)) if (/^(ALIBABA_CLOUD_|PULUMI_(?!HOME$)|DISKOPS_)/.test(k)) delete env[k];
  env.PATH = (env.PATH ?? "").split(path.delimiter).filter((p) => !p.includes(`${path.sep}.tools${path.sep}`)).join(path.delimiter);

  const port = await freePort();
  const script = `set -e\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n${block.replace(/18080/g, String(port))}`;
  const run = await bash(script, clone, env);
  if (run.code !== 0) throw new Error(`the hand-run lines failed (exit ${run.code}):\n${run.output.slice(-6000)}`);
  expect(run.output).toContain(`http://127.0.0.1:${port}`);
  expect(run.output).toMatch(/\+ 3 to create/);
  expect(run.output).toMatch(/\+ 3 created/);
  expect(gitStatus(clone)).toBe("");

  const demo = await bash("npm run demo", clone, { ...env, DISKOPS_DEMO_TIME_SCALE: "0.01" });
  if (demo.code !== 0) throw new Error(`npm run demo after the hand-run failed (exit ${demo.code}):\n${demo.output.slice(-6000)}`);
  expect(demo.output).toContain(`Pulumi: Pulumi CLI ${CLI_VERSION} with the Node.js language host ${HOST_VERSION}`);
  expect(demo.output).not.toContain("incorrect passphrase");
  expect(gitStatus(clone)).toBe("");
});
