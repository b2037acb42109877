// Progress of long steps (stop, ReIniting, ReplaceSystemDisk), shown by `pulumi up` while it
// waits: ephemeral info messages through the engine's Log service. The dynamic-provider plugin
// is started with the engine's gRPC address as its first argument (the Node runtime itself never
// uses it); anywhere else (unit tests, direct calls) reporting does nothing. Best effort: a
// message that cannot be delivered is dropped, and never fails or slows an operation.

/** At most one repeat of an unchanged message per key this often. */
const REPEAT_MS = 5_000;

export interface ProgressReporter {
  /** `key` names the wait (one line per key at a time); `line` says the state now. */
  report(key: string, line: string, startedAt: number): void;
}

type LogFn = (message: string) => void;

/** The engine address when this process is the dynamic-provider plugin. */
export function engineAddressFromArgv(argv: string[] = process.argv): string | undefined {
  const script = argv[1] ?? "";
  const address = argv[2];
  if (!/cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(script) || !address) return undefined;
  return /^[\w.-]+:\d+$/.test(address) ? address : undefined;
}

/** Sends ephemeral info messages to the engine at `address`; stops after the first failure. */
export function engineLogger(address: string): LogFn {
  // Loaded here, not at the top: @pulumi/pulumi is the plugin's, and only needed in the plugin.
  /* eslint-disable @typescript-eslint/no-var-requires */
  const grpc = require("@grpc/grpc-js");
  const enginerpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
  const engineproto = require("@pulumi/pulumi/proto/engine_pb");
  /* eslint-enable @typescript-eslint/no-var-requires */
  const client = new enginerpc.EngineClient(address, grpc.credentials.createInsecure());
  let broken = false;
  return (message) => {
    if (broken) return;
    const req = new engineproto.LogRequest();
    req.setSeverity(engineproto.LogSeverity.INFO);
    req.setMessage(message);
    req.setEphemeral(true);
    client.log(req, { deadline: Date.now() + 2_000 }, (err: unknown) => {
      if (err) broken = true;
    });
  };
}

/** A reporter that says `<line> (<n> s)` when a wait's line changes, and every few seconds. */
export function throttledReporter(log: LogFn, now: () => number = Date.now): ProgressReporter {
  const last = new Map<string, { text: string; at: number }>();
  return {
    report(key, line, startedAt) {
      const t = now();
      const prev = last.get(key);
      if (prev && prev.text === line && t - prev.at < REPEAT_MS) return;
      last.set(key, { text: line, at: t });
      log(`${line} (${Math.round((t - startedAt) / 1000)} s)`);
    },
  };
}

let shared: ProgressReporter | undefined;

/** This process's reporter: to the engine inside the plugin, nowhere otherwise. */
export function progress(): ProgressReporter {
  if (!shared) {
    const address = engineAddressFromArgv();
    let log: LogFn = () => undefined;
    if (address) {
      try {
        log = engineLogger(address);
      } catch {
        // No gRPC modules where the plugin runs: no progress, the operation goes on.
      }
    }
    shared = throttledReporter(log);
  }
  return shared;
}
