// The emulator as a function call: the same cloud, faults, flow control and call log as the HTTP
// server, without sockets or signatures (the caller is trusted, as a transport in the same process
// is). The deterministic simulator (simulation/) drives the provider's SDK client through it.
import type { EmulatorOptions } from "./options";
import type { Cloud } from "./model/cloud";
import type { CallLogEntry } from "./server/call-log";
import { createCore } from "./core";
import { API_VERSION, dispatchAction, type DispatchAnswer } from "./server/dispatch";
import type { FaultInjector } from "./server/faults";
import { ACTIONS } from "./actions";
import { apiError, invalid } from "./protocol/errors";
import { errorAnswer } from "./server/dispatch";
import { newRequestId } from "./model/ids";

export interface InProcessEmulator {
  cloud: Cloud;
  faults: FaultInjector;
  /** Carries out one call as the access key `accessKeyId` (default: the first the cloud knows). */
  call(action: string, params: Record<string, string>, options?: { version?: string; accessKeyId?: string }): DispatchAnswer;
  calls(): CallLogEntry[];
  callsDropped(): number;
  close(): void;
}

export function openInProcessEmulator(options: Omit<EmulatorOptions, "host" | "port"> = {}): InProcessEmulator {
  const core = createCore(options);
  return {
    cloud: core.cloud,
    faults: core.faults,
    call(action, params, opts = {}) {
      // The checks the HTTP layer makes before dispatch that still apply without one.
      if (!ACTIONS[action]) return errorAnswer(apiError("InvalidAction.NotFound"), action, newRequestId(), core);
      if ((opts.version ?? API_VERSION) !== API_VERSION) return errorAnswer(invalid("Version", action), action, newRequestId(), core);
      return dispatchAction(core, { action, params, accessKeyId: opts.accessKeyId ?? core.accessKeyIds[0] });
    },
    calls: () => core.calls.list(),
    callsDropped: () => core.calls.dropped(),
    close: () => core.cloud.dispose(),
  };
}
