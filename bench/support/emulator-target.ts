// An emulator to benchmark against, in this process or in a child process, behind one interface.
import { spawn } from "child_process";
import * as path from "path";
import * as readline from "readline";
import { startEmulator, type CallLogEntry, type EmulatorOptions } from "../../emulator";

export interface EmulatorTarget {
  where: "in-process" | "child process";
  port: number;
  calls(): Promise<CallLogEntry[]>;
  clearCalls(): Promise<void>;
  close(): Promise<void>;
}

export async function inProcessEmulator(opts: EmulatorOptions): Promise<EmulatorTarget> {
  const emu = await startEmulator({ port: 0, ...opts });
  return {
    where: "in-process",
    port: emu.port,
    calls: async () => emu.calls(),
    clearCalls: () => admin(emu.port, "DELETE", "/__emulator/calls").then(() => undefined),
    close: () => emu.close(),
  };
}

export async function childProcessEmulator(opts: Pick<EmulatorOptions, "timeScale" | "rateLimits">): Promise<EmulatorTarget> {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, "emulator-process.js"), String(opts.timeScale ?? 1), JSON.stringify(opts.rateLimits ?? {})],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator child exited with ${code} before listening`)));
  });
  lines.close();
  const port = Number(new URL(url.trim()).port);
  return {
    where: "child process",
    port,
    calls: () => admin(port, "GET", "/__emulator/calls") as Promise<CallLogEntry[]>,
    clearCalls: () => admin(port, "DELETE", "/__emulator/calls").then(() => undefined),
    async close() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

async function admin(port: number, method: string, pathname: string): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { method });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator admin ${method} ${pathname}: HTTP ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
