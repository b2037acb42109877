// A client for the real Pulumi dynamic-provider plugin (`@pulumi/pulumi/cmd/dynamic-provider`):
// starts it as a child process, connects over gRPC and exposes typed async calls.
// For tests and the test engine only.
import { spawn, ChildProcess } from "child_process";
import * as path from "path";
import { grpc, provproto, provrpc, statusproto } from "./grpc";
import { fromStruct, toStruct, PropertyMap } from "./values";
import { packageRoot, resolveFrom } from "./package-root";

export interface StartPluginOptions {
  /** Working directory of the plugin: module resolution for `__provider` starts here. Default: package root. */
  cwd?: string;
  /** Added to (and overriding) the current process environment. */
  env?: Record<string, string | undefined>;
  /** How long to wait for the plugin to print its port (ms). Default 30000. */
  startTimeoutMs?: number;
  /** gRPC deadline for each call (ms), so a wedged provider fails the call instead of hanging. Default: none. */
  callTimeoutMs?: number;
}

export interface CheckResult { inputs: PropertyMap; failures: { property: string; reason: string }[] }
export interface DiffResult {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}
export interface CreateResult { id: string; properties: PropertyMap }
export interface UpdateResult { properties: PropertyMap }
export interface ReadResult { id: string; properties: PropertyMap; inputs?: PropertyMap }

/** Partial state a create/update failure carried (ErrorResourceInitFailed). */
export interface PartialState { id: string; properties: PropertyMap; reasons: string[] }

/** A failed plugin call: `message` is the provider's error message. */
export class PluginCallError extends Error {
  constructor(
    readonly method: string,
    message: string,
    readonly code: number,
    readonly partial?: PartialState,
  ) {
    super(message);
    this.name = "PluginCallError";
  }
}

export class ProviderPlugin {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: any,
    private readonly logs: { text: string },
    readonly port: number,
    private readonly callTimeoutMs?: number,
  ) {}

  /** Starts `node node_modules/@pulumi/pulumi/cmd/dynamic-provider 127.0.0.1:1` and connects to it. */
  static async start(options: StartPluginOptions = {}): Promise<ProviderPlugin> {
    const cwd = options.cwd ?? packageRoot();
    // The plugin of the SDK the project directory resolves (as the Pulumi CLI would run it).
    const script = path.dirname(resolveFrom(cwd, "@pulumi/pulumi/cmd/dynamic-provider"));
    const env = { ...process.env, ...options.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(process.execPath, [script, "127.0.0.1:1"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const logs = { text: "" };
    child.stderr!.on("data", (d: Buffer) => { logs.text += d.toString(); });
    const port = await readPort(child, logs, options.startTimeoutMs ?? 30000);
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new ProviderPlugin(child, client, logs, port, options.callTimeoutMs);
  }

  /** The plugin's process id (e.g. to read its peak memory from /proc/<pid>/status). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Everything the plugin wrote to stdout (after the port line) and stderr so far. */
  output(): string {
    return this.logs.text;
  }

  /** Sends the stack config; values may be secrets ({sig, value}). Returns what the plugin accepts. */
  async configure(config: PropertyMap): Promise<{ acceptSecrets: boolean }> {
    const req = new provproto.ConfigureRequest();
    req.setArgs(toStruct(config));
    req.setAcceptsecrets(true);
    const resp = await this.call("configure", req);
    return { acceptSecrets: resp.getAcceptsecrets() };
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const resp = await this.call("check", req);
    return {
      inputs: fromStruct(resp.getInputs()),
      failures: resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(id: string, urn: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult> {
    const req = new provproto.DiffRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    const resp = await this.call("diff", req);
    const C = provproto.DiffResponse.DiffChanges;
    const c = resp.getChanges();
    return {
      changes: c === C.DIFF_SOME ? "some" : c === C.DIFF_NONE ? "none" : "unknown",
      replaces: resp.getReplacesList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
    };
  }

  async create(urn: string, props: PropertyMap, preview = false): Promise<CreateResult> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(toStruct(props));
    req.setPreview(preview);
    const resp = await this.call("create", req);
    return { id: resp.getId(), properties: fromStruct(resp.getProperties()) };
  }

  async update(id: string, urn: string, olds: PropertyMap, news: PropertyMap, preview = false): Promise<UpdateResult> {
    const req = new provproto.UpdateRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(toStruct(olds));
    req.setNews(toStruct(news));
    req.setPreview(preview);
    const resp = await this.call("update", req);
    return { properties: fromStruct(resp.getProperties()) };
  }

  async read(id: string, urn: string, props: PropertyMap): Promise<ReadResult> {
    const req = new provproto.ReadRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(toStruct(props));
    const resp = await this.call("read", req);
    const inputs = resp.getInputs();
    return { id: resp.getId(), properties: fromStruct(resp.getProperties()), ...(inputs ? { inputs: fromStruct(inputs) } : {}) };
  }

  async delete(id: string, urn: string, props: PropertyMap): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(toStruct(props));
    await this.call("delete", req);
  }

  /**
   * Kills the plugin process with `signal` (default SIGKILL: no cleanup runs, as when a CI runner
   * is preempted) and waits for it to exit. Calls in flight fail.
   */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill(signal);
    });
  }

  /** Closes the gRPC channel and stops the plugin process (waits for it to exit). */
  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }

  private call(method: string, req: unknown): Promise<any> {
    return new Promise((resolve, reject) => {
      const options = this.callTimeoutMs ? { deadline: Date.now() + this.callTimeoutMs } : {};
      this.client[method](req, options, (err: any, resp: any) => (err ? reject(toCallError(method, err)) : resolve(resp)));
    });
  }
}

/** Resolves with the port the plugin prints as its first stdout line; later stdout goes to `logs`. */
function readPort(child: ChildProcess, logs: { text: string }, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let head = "";
    let done = false;
    const finish = (e?: Error, port?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (e) { child.kill(); reject(e); } else resolve(port!);
    };
    const timer = setTimeout(() => finish(new Error(`dynamic-provider did not print its port: ${logs.text}`)), timeoutMs);
    child.stdout!.on("data", (d: Buffer) => {
      if (done) { logs.text += d.toString(); return; }
      head += d.toString();
      const nl = head.indexOf("\n");
      if (nl < 0) return;
      const first = head.slice(0, nl).trim();
      logs.text += head.slice(nl + 1);
      if (/^\d+$/.test(first)) finish(undefined, Number(first));
      else finish(new Error(`unexpected first line from dynamic-provider: ${first}`));
    });
    child.once("error", (e) => finish(e));
    child.once("exit", (code) => finish(new Error(`dynamic-provider exited (${code}) before printing its port: ${logs.text}`)));
  });
}

function toCallError(method: string, err: any): PluginCallError {
  const message = typeof err.details === "string" && err.details ? err.details : String(err.message ?? err);
  return new PluginCallError(method, message, typeof err.code === "number" ? err.code : grpc.status.UNKNOWN, partialState(err));
}

/** Unpacks ErrorResourceInitFailed from the `grpc-status-details-bin` trailer, if present. */
function partialState(err: any): PartialState | undefined {
  const raw = err?.metadata?.get?.("grpc-status-details-bin")?.[0];
  if (!raw) return undefined;
  const status = statusproto.Status.deserializeBinary(new Uint8Array(raw));
  for (const any of status.getDetailsList()) {
    if (!String(any.getTypeUrl()).endsWith("pulumirpc.ErrorResourceInitFailed")) continue;
    const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
    return { id: detail.getId(), properties: fromStruct(detail.getProperties()), reasons: detail.getReasonsList() };
  }
  return undefined;
}
