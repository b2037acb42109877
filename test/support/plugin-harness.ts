// Test harness around the real dynamic-provider plugin process. The gRPC client itself lives in
// provider/testing (shared with the test engine); this adds the stub logic wiring tests use.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProviderPlugin, StartPluginOptions } from "../../provider/testing/provider-plugin";

export { ProviderPlugin, PluginCallError } from "../../provider/testing/provider-plugin";
export type { CheckResult, DiffResult, CreateResult, UpdateResult, ReadResult, PartialState, StartPluginOptions } from "../../provider/testing/provider-plugin";
export { secret, isSecret, unwrapSecrets, UNKNOWN, SIG_KEY, SECRET_SIG } from "../../provider/testing/values";

/** Path of the stub logic module (test/support/stub-logic.js). */
export const STUB_LOGIC = path.join(__dirname, "stub-logic.js");

/** Starts the real plugin (cwd = repo root) with the given env passed through. */
export function startPlugin(options: StartPluginOptions = {}): Promise<ProviderPlugin> {
  return ProviderPlugin.start(options);
}

export interface StubPlugin {
  plugin: ProviderPlugin;
  /** Calls the stub logic recorded so far, oldest first. */
  calls(): any[];
  /** Env that points a plugin (or the test engine) at the stub logic and its call log. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Env for running the shim against the stub logic; the call log goes to a fresh temp file. */
export function stubLogicEnv(): { env: Record<string, string>; logFile: string; calls(): any[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-stub-"));
  const logFile = path.join(dir, "calls.jsonl");
  return {
    env: { DISKOPS_LOGIC_MODULE: STUB_LOGIC, DISKOPS_STUB_LOG: logFile },
    logFile,
    calls: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []),
  };
}

/** Starts the real plugin with the shim pointed at the stub logic. */
export async function startStubPlugin(extraEnv: Record<string, string> = {}): Promise<StubPlugin> {
  const stub = stubLogicEnv();
  const env = { ...stub.env, ...extraEnv };
  const plugin = await ProviderPlugin.start({ env });
  return { plugin, calls: stub.calls, env, close: () => plugin.close() };
}
