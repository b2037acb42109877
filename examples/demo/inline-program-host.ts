// Runs one Pulumi CLI command whose program is served in this process (an Automation API inline
// program): this process starts the Node.js language runtime of @pulumi/pulumi/automation, and
// the CLI talks to it through `--client` instead of launching the pulumi-language-nodejs host,
// which the CLI built by `npm run cli:install` does not have (see scripts/cli-install.sh).
// Unlike Stack.up() of the Automation API, the CLI arguments are exactly the caller's (so `up`
// runs its preview first, as a user's `pulumi up` does).
//
//   node dist/examples/demo/inline-program-host.js PROGRAM.js PULUMI [PULUMI ARGS...]
//
// Exits with the CLI's exit code; SIGINT/SIGTERM are passed on to the CLI.
import * as grpc from "@grpc/grpc-js";
import { spawn } from "child_process";
import * as path from "path";

// Internal modules of @pulumi/pulumi (the pieces LocalWorkspace uses for inline programs).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { LanguageServer } = require("@pulumi/pulumi/automation/server");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const langrpc = require("@pulumi/pulumi/proto/language_grpc_pb");
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { grpcChannelOptions } = require("@pulumi/pulumi/runtime");

/**
 * The program as a function the language runtime can run more than once in this process
 * (`up` runs it for the preview and again for the update): each run loads the program's own
 * files afresh, so its resources are registered again.
 */
export function inlineProgram(programFile: string): () => Promise<Record<string, unknown>> {
  const file = path.resolve(programFile);
  const dir = path.dirname(file) + path.sep;
  return async () => {
    for (const key of Object.keys(require.cache)) if (key.startsWith(dir)) delete require.cache[key];
    return { ...require(file) };
  };
}

export async function runWithInlineProgram(programFile: string, pulumi: string, args: string[]): Promise<number> {
  const server = new grpc.Server(grpcChannelOptions);
  server.addService(langrpc.LanguageRuntimeService, new LanguageServer(inlineProgram(programFile)));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const child = spawn(pulumi, [...args, `--client=127.0.0.1:${port}`, "--exec-kind", "auto.inline"], { stdio: ["ignore", "inherit", "inherit"] });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));
  const code = await new Promise<number>((resolve) => {
    child.once("error", (e) => {
      process.stderr.write(`inline-program-host: cannot run ${pulumi}: ${e.message}\n`);
      resolve(127);
    });
    child.once("close", (c, signal) => resolve(c ?? (signal ? 128 : 1)));
  });
  server.forceShutdown();
  return code;
}

if (require.main === module) {
  const [programFile, pulumi, ...args] = process.argv.slice(2);
  if (!programFile || !pulumi) {
    process.stderr.write("usage: inline-program-host PROGRAM.js PULUMI [ARGS...]\n");
    process.exit(2);
  }
  runWithInlineProgram(programFile, pulumi, args).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`inline-program-host: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
