// The diskops TEST ENGINE: a small stand-in for the Pulumi engine, for tests and offline demos
// ONLY. It is not the Pulumi CLI and makes no promise of matching it beyond what this project's
// dynamic resources need. It runs a real Pulumi program (real resource registration over the
// ResourceMonitor gRPC protocol) and drives the real dynamic-provider plugin over gRPC:
//   preview  Check + Diff only; planned steps; unknown outputs flow as unknowns; state untouched
//   up       a preview first (own provider process, as `pulumi up` without --skip-preview), then
//            Check -> Diff -> Create / Update / replace (create-before-delete unless
//            deleteBeforeReplace) / same, as registrations arrive; then deletes what the program
//            no longer registers, dependents first; state saved to a JSON file after every step
//   destroy  deletes everything in state, dependents first (the program is not run)
// Only dynamic resources (pulumi-nodejs:dynamic...) and components are supported; Invoke,
// ReadResource, Call, transforms, hooks and provider packages are not.
import * as fs from "fs";
import * as path from "path";
import { ProviderPlugin } from "../provider-plugin";
import { isSecret, PropertyMap, SecretValue } from "../values";
import { Deployment } from "./deployment";
import { startMonitor } from "./monitor";
import { launchProgram } from "./program";
import { loadState, saveState } from "./state";
import type { RunEngineOptions, RunEngineResult } from "./types";

export * from "./types";
export type { StackState, ResourceState } from "./state";
export { formatSummary, formatValue } from "./format";

export async function runEngine(opts: RunEngineOptions): Promise<RunEngineResult> {
  if (opts.operation === "up" && !opts.skipPreview) {
    // The real CLI previews first, in another provider process, and stops if the preview fails.
    const preview = await runOnce({ ...opts, operation: "preview" });
    if (preview.failed) return preview;
  }
  return runOnce(opts);
}

async function runOnce(opts: RunEngineOptions): Promise<RunEngineResult> {
  const { projectDir, program } = locateProgram(opts);
  const project = opts.project ?? projectName(projectDir);
  const { plain: config, secretKeys } = normalizeConfig(opts.config ?? {}, project);
  const state = loadState(opts.stateFile, project, opts.stack);

  let pluginStart: Promise<ProviderPlugin> | undefined;
  const plugin = () =>
    (pluginStart ??= ProviderPlugin.start({ cwd: projectDir, env: opts.env, callTimeoutMs: opts.callTimeoutMs }).then(async (p) => {
      await p.configure(wireConfig(opts.config ?? {}, project));
      return p;
    }));
  const deployment = new Deployment(opts.operation, state, opts.stateFile, plugin, opts.onEvent);
  let programOutput = "";

  try {
    if (opts.operation === "destroy") {
      await deployment.destroyAll().catch(() => undefined);
    } else {
      const monitor = await startMonitor(deployment);
      try {
        const run = launchProgram({
          program, projectDir, project, stack: opts.stack, monitorAddr: monitor.address, engineAddr: monitor.address,
          dryRun: opts.operation === "preview", config, secretConfigKeys: secretKeys, env: opts.env,
        });
        const ended = await Promise.race([run.exited, deployment.failedAndIdle().then(() => undefined)]);
        if (!ended) run.kill();
        const { code, signal } = await run.exited;
        programOutput = run.output();
        if (ended && code !== 0) {
          deployment.errors.push(`program exited with ${signal ?? `code ${code}`}${deployment.errors.length ? "" : `:\n${programOutput.trim()}`}`);
        }
      } finally {
        await monitor.close();
      }
      // Like Pulumi, only a program that ran to completion says what no longer exists.
      if (deployment.errors.length === 0) await deployment.deleteLeftovers().catch(() => undefined);
    }
    deployment.persist();
  } finally {
    if (pluginStart) {
      const p = await pluginStart.catch(() => undefined);
      programOutput += p ? p.output() : "";
      await p?.close();
    }
  }
  const failed = deployment.errors.length ? deployment.errors.join("\n") : undefined;
  return {
    steps: deployment.steps,
    outputs: deployment.outputs,
    ...(failed ? { failed } : {}),
    diagnostics: [programOutput, ...deployment.logs].filter(Boolean).join("\n"),
  };
}

function locateProgram(opts: RunEngineOptions): { projectDir: string; program: string } {
  if (opts.program) {
    const program = path.resolve(opts.program);
    const isDir = fs.existsSync(program) && fs.statSync(program).isDirectory();
    return { projectDir: path.resolve(opts.programDir ?? (isDir ? program : path.dirname(program))), program };
  }
  if (!opts.programDir) throw new Error("runEngine needs programDir or program");
  const projectDir = path.resolve(opts.programDir);
  // Like the Pulumi CLI: Pulumi.yaml's `main` names the program, relative to the project.
  const main = projectField(projectDir, "main");
  return { projectDir, program: main ? path.resolve(projectDir, main) : projectDir };
}

function projectName(dir: string): string {
  return projectField(dir, "name") ?? path.basename(dir);
}

/** A top-level scalar of the project's Pulumi.yaml (name, main), if the file and the key exist. */
function projectField(dir: string, key: string): string | undefined {
  const yaml = path.join(dir, "Pulumi.yaml");
  if (!fs.existsSync(yaml)) return undefined;
  const m = new RegExp(`^${key}:\\s*["']?([^"'\\s#]+)`, "m").exec(fs.readFileSync(yaml, "utf8"));
  return m?.[1];
}

function qualify(key: string, project: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/** PULUMI_CONFIG for the program: plain values, plus the list of keys that are secret. */
function normalizeConfig(config: Record<string, string | SecretValue>, project: string): { plain: Record<string, string>; secretKeys: string[] } {
  const plain: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [k, v] of Object.entries(config)) {
    const key = qualify(k, project);
    if (isSecret(v)) secretKeys.push(key);
    plain[key] = String(isSecret(v) ? v.value : v);
  }
  return { plain, secretKeys };
}

/** The plugin's Configure args: the same config, secrets as Pulumi secrets. */
function wireConfig(config: Record<string, string | SecretValue>, project: string): PropertyMap {
  const out: PropertyMap = {};
  for (const [k, v] of Object.entries(config)) out[qualify(k, project)] = v;
  return out;
}

export { loadState, saveState };
