// The emulator in a process of its own (so client and server do not share one event loop).
// argv: [timeScale] [rateLimits as JSON]. Prints the URL, closes on SIGTERM.
import { startEmulator } from "../../emulator";

async function main(): Promise<void> {
  const emu = await startEmulator({
    port: 0,
    timeScale: Number(process.argv[2] ?? "1"),
    rateLimits: JSON.parse(process.argv[3] ?? "{}"),
  });
  process.stdout.write(`${emu.url}\n`);
  process.once("SIGTERM", () => {
    emu.close().then(() => process.exit(0));
  });
}

main().catch((err: Error) => {
  process.stderr.write(`emulator-process: ${err.message}\n`);
  process.exit(1);
});
