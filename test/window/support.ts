// A cloud and "provider processes" for window tests, in one Node process: the emulator in-process,
// each process a ProcessScope with its own EcsApi (over an in-process transport), clock and state.
import { openInProcessEmulator, type InProcessEmulator, type EmulatorOptions } from "../../emulator";
import { createEcsApi } from "../../provider/ecs/client";
import { ProcessScope, runInProcessScope, type Clock } from "../../provider/ecs/process-scope";
import type { EcsTransport } from "../../provider/ecs/transport";
import { opsContext, useEcsApi } from "../../provider/common/context";
import type { OpsContext } from "../../provider/operations/ops-context";

export const REGION = "cn-hangzhou";

/** Provider timing for an emulator at time scale pollMinMs / 1000 (the default 10 ms: 0.01). */
export function fastTiming(pollMinMs = 10): void {
  Object.assign(process.env, {
    DISKOPS_POLL_MIN_MS: String(pollMinMs),
    DISKOPS_POLL_MAX_MS: String(pollMinMs * 10),
    DISKOPS_RETRY_MIN_MS: String(Math.max(1, pollMinMs / 2)),
    DISKOPS_RETRY_MAX_MS: String(pollMinMs * 2),
  });
}

export interface Lab {
  emu: InProcessEmulator;
  /** A fresh provider process; `run` executes fn inside it with its OpsContext. */
  process(name: string, clock?: Clock): Proc;
  /** Actions called so far (answered), in order. */
  actions(): string[];
  tags(instanceId: string): Record<string, string>;
  close(): void;
}

export interface Proc {
  scope: ProcessScope;
  log: string[];
  run<T>(fn: (ctx: OpsContext) => Promise<T>): Promise<T>;
  /** From now on every call of this process hangs: it is dead (a SIGKILL between two calls). */
  kill(): void;
}

export function startLab(options: Omit<EmulatorOptions, "host" | "port"> = {}): Lab {
  const emu = openInProcessEmulator({ timeScale: 0.01, randomSeed: 1, ...options });
  return {
    emu,
    process(name, clock) {
      const log: string[] = [];
      let dead = false;
      const transport: EcsTransport = async (req) => {
        if (dead) return new Promise(() => undefined);
        const a = emu.call(req.action, req.query, { version: req.version });
        if (dead) return new Promise(() => undefined);
        return { statusCode: a.statusCode, headers: a.headers, body: a.body };
      };
      const scope = new ProcessScope({ name, clock, log: (line) => log.push(line) });
      const api = createEcsApi({ regionId: REGION, protocol: "http", endpoint: "in-process" } as never, { transport });
      runInProcessScope(scope, () => useEcsApi(api));
      return {
        scope,
        log,
        run: (fn) => runInProcessScope(scope, () => fn(opsContext())),
        kill: () => {
          dead = true;
        },
      };
    },
    actions: () => emu.calls().filter((c) => c.HttpStatus === 200).map((c) => c.Action),
    tags: (id) => Object.fromEntries((emu.cloud.instances.get(id)?.Tags ?? []).map((t) => [t.TagKey, t.TagValue])),
    close: () => emu.close(),
  };
}

/** Polls (real time, short) until `ready` holds; for state the test cannot await directly. */
export async function until(ready: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!ready()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
