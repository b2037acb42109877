// The channel for preview warnings (e.g. preflight could not reach ECS). A dynamic provider's
// check can only return failures, and `pulumi.log.warn` inside the provider process has no engine
// connection (it falls back to console). So: (1) the engine's Log RPC with severity WARNING, at
// the address the engine passes the plugin as its first argument (shown as a warning by the CLI);
// (2) a "warning: ..." line on stderr (the CLI shows a dynamic plugin's stderr as diagnostics);
// (3) an in-process record (tests); check also puts the warning into the `plan` it returns.
import * as path from "path";
import { currentScope, processLocal } from "../ecs/process-scope";

/** Warnings reported in this process (process-scope.ts), for tests and the test engine. */
function recorded(): string[] {
  return processLocal("common/preview-warnings", () => [] as string[]);
}

/** The engine address when running inside `@pulumi/pulumi/cmd/dynamic-provider <engine>`. */
export function engineAddress(): string | undefined {
  const main = require.main?.filename ?? process.argv[1] ?? "";
  if (!/dynamic-provider/.test(main)) return undefined;
  const arg = process.argv[2];
  return arg && /^[\w.-]+:\d+$/.test(arg) ? arg : undefined;
}

function pulumiModule(id: string): any {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return require(require.resolve(id, { paths: [pulumiDir] }));
}

/** Sends one WARNING to the engine's Log service; resolves false when it could not be delivered. */
export function sendEngineWarning(address: string, message: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const grpc = pulumiModule("@grpc/grpc-js");
      const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
      const engproto = require("@pulumi/pulumi/proto/engine_pb");
      const client = new engrpc.EngineClient(address, grpc.credentials.createInsecure());
      const req = new engproto.LogRequest();
      req.setSeverity(engproto.LogSeverity.WARNING);
      req.setMessage(message);
      req.setUrn("");
      req.setEphemeral(false);
      client.log(req, { deadline: Date.now() + timeoutMs }, (err: unknown) => {
        client.close();
        resolve(!err);
      });
    } catch {
      resolve(false);
    }
  });
}

/** Reports a warning through every channel; never throws, never blocks check for long. */
export async function reportPreviewWarning(message: string): Promise<void> {
  recorded().push(message);
  currentScope().log(`warning: ${message}`);
  const address = engineAddress();
  if (address) await sendEngineWarning(address, message);
}

/** Warnings reported in this process, oldest first (for tests and the test engine). */
export function recordedWarnings(): string[] {
  return [...recorded()];
}
