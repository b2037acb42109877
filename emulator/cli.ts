#!/usr/bin/env node
// ecs-emulator [--host 127.0.0.1] [--port 0] [--seed FILE] [--time-scale X] [--state FILE]
//              [--client-token-ttl SECONDS] [--duration-jitter F] [--random-seed N]
//              [--tag-read-lag SECONDS] [--call-log-limit N]
// The first stdout line carries the URL; runs until SIGINT/SIGTERM.
import { startEmulator } from "./index";
import type { EmulatorOptions } from "./options";
import { isSeed } from "./model/random";

const USAGE =
  "usage: ecs-emulator [--host 127.0.0.1] [--port 0] [--seed FILE] [--time-scale X] [--state FILE]" +
  " [--client-token-ttl SECONDS] [--duration-jitter F] [--random-seed N] [--tag-read-lag SECONDS] [--call-log-limit N]";

export function parseArgs(argv: string[]): EmulatorOptions {
  const opts: EmulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case "--host": opts.host = value(); break;
      case "--port": opts.port = Number(value()); break;
      case "--seed": opts.seed = value(); break;
      case "--time-scale": opts.timeScale = Number(value()); break;
      case "--state": opts.stateFile = value(); break;
      case "--client-token-ttl": opts.clientTokenTtlSeconds = Number(value()); break;
      case "--duration-jitter": opts.durationJitter = Number(value()); break;
      case "--random-seed": opts.randomSeed = Number(value()); break;
      case "--tag-read-lag": opts.tagReadLagSeconds = Number(value()); break;
      case "--call-log-limit": opts.callLogLimit = Number(value()); break;
      case "-h":
      case "--help":
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) throw new Error("--port must be 0-65535");
  if (opts.timeScale !== undefined && !(opts.timeScale >= 0)) throw new Error("--time-scale must be a number >= 0");
  if (opts.clientTokenTtlSeconds !== undefined && !(opts.clientTokenTtlSeconds > 0 && Number.isFinite(opts.clientTokenTtlSeconds))) {
    throw new Error("--client-token-ttl must be a number of seconds > 0 (default 28800, 8 hours)");
  }
  if (opts.durationJitter !== undefined && !(opts.durationJitter >= 0 && opts.durationJitter < 1)) {
    throw new Error("--duration-jitter must be a number with 0 <= F < 1 (e.g. 0.2 for +/-20 %)");
  }
  if (opts.randomSeed !== undefined && !isSeed(opts.randomSeed)) {
    throw new Error("--random-seed must be an integer from 0 to 4294967295");
  }
  if (opts.tagReadLagSeconds !== undefined && !(opts.tagReadLagSeconds >= 0 && Number.isFinite(opts.tagReadLagSeconds))) {
    throw new Error("--tag-read-lag must be a number of simulated seconds >= 0 (0: tag reads show every write at once)");
  }
  if (opts.callLogLimit !== undefined && !(Number.isInteger(opts.callLogLimit) && opts.callLogLimit > 0)) {
    throw new Error("--call-log-limit must be a whole number > 0 (default 10000)");
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const emu = await startEmulator(opts);
  process.stdout.write(
    `ECS emulator listening on ${emu.url} (time scale ${opts.timeScale ?? 1}${opts.stateFile ? `, state ${opts.stateFile}` : ""}${opts.seed ? `, seed ${String(opts.seed)}` : ", demo fleet"}, random seed ${emu.randomSeed})\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`ECS emulator: ${signal}, closing\n`);
    emu.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((e: Error) => {
    process.stderr.write(`ecs-emulator: ${e.message}\n`);
    process.exit(1);
  });
}
