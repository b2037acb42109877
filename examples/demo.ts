// `npm run demo`: the quickstart end to end on the embedded ECS emulator (see examples/demo/).
// Uses a Pulumi CLI when one works, otherwise says so and runs the project's test engine.
// Exit code 0 on success, 1 on failure, 130 on Ctrl-C; the emulator is always shut down.
import * as path from "path";
import { packageRoot } from "../provider/testing/package-root";
import type { RunningEmulator } from "../emulator";
import { runDemo } from "./demo/run-demo";
import { makeStyle } from "./demo/style";

async function main(): Promise<number> {
  const rootDir = packageRoot(__dirname);
  const timeScale = Number(process.env.DISKOPS_DEMO_TIME_SCALE ?? "0.05");
  if (!(timeScale >= 0)) throw new Error("DISKOPS_DEMO_TIME_SCALE must be a number >= 0");
  let emulator: RunningEmulator | undefined;
  const interrupted = (signal: NodeJS.Signals) => {
    process.stderr.write(`\ndemo: ${signal}, shutting the emulator down\n`);
    void (emulator?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  await runDemo({
    rootDir,
    demoDir: path.join(rootDir, ".demo"),
    timeScale,
    print: (text) => process.stdout.write(text),
    style: makeStyle(process.stdout),
    onEmulator: (emu) => (emulator = emu),
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`\ndemo failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
