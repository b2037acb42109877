// Shared preflight pieces: turning ECS codes into check failures with the catalogue's remedy,
// telling transient trouble (warning) from real problems (failure), instance-level checks and
// the power part of the plan. Everything here is read-only.
import type { InstanceInfo, InstanceStatus } from "../ecs/api";
import { catalogEntry } from "../ecs/error-catalog";
import { classifyError } from "../ecs/errors";
import { ecs, resolveRegion } from "./context";
import type { PowerPolicy } from "./types";
import { CheckFailure, failure } from "./validation-rules";
import { now as clockNow } from "../ecs/process-scope";

export interface PreflightResult<F> {
  failures: CheckFailure[];
  warnings: string[];
  /** What preflight learned (absent when it could not finish). */
  facts?: F;
}

// Used only when the catalogue has no entry for a code.
const FALLBACK_REMEDY = "Check the resource in the ECS console or with the Describe* APIs and fix the input.";

export function remedyFor(code: string, action?: string): string {
  return catalogEntry(code, action)?.remedy ?? FALLBACK_REMEDY;
}

/** "<what> (<Code>). Remedy: <remedy>" */
export function ecsFailure(property: string, what: string, code: string, action?: string): CheckFailure {
  return failure(property, `${what} (${code}). Remedy: ${remedyFor(code, action)}`);
}

/** Throttling, 5xx, network and conflicting operations: preflight could not tell; never blocks. */
export function isTransient(err: unknown): boolean {
  const kind = classifyError(err);
  return kind === "throttling" || kind === "server" || kind === "network" || kind === "conflict";
}

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" ? code : undefined;
}

/** A short description of an error for warnings (EcsError messages never carry secrets). */
export function briefError(err: unknown): string {
  const e = err as { code?: string; httpStatus?: number; message?: string };
  if (e?.code && e?.httpStatus) return `${e.code} (HTTP ${e.httpStatus})`;
  return e?.code ?? e?.message ?? String(err);
}

export function transientWarning(resource: string, err: unknown): string {
  return `${resource}: preflight could not finish (${briefError(err)}, after retries); the apply checks again before stopping anything`;
}

/**
 * A check failure for an error raised by an ECS call: "<what> (<Code>). Remedy: <remedy>". The
 * remedy is the one the error carries: the ECS layer chose it (catalogue, local causes such as
 * missing credentials, ECS's diagnosis URL); the catalogue by code is only the fallback.
 */
export function errorFailure(property: string, what: string, err: unknown, action?: string): CheckFailure {
  const code = errorCode(err) ?? "UnknownError";
  const carried = (err as { remedy?: unknown })?.remedy;
  const remedy = typeof carried === "string" && carried ? carried : remedyFor(code, action);
  return failure(property, `${what} (${code}). Remedy: ${remedy}`);
}

/** For unexpected, non-transient errors of a Describe call (bad credentials, bad region, ...). */
export function preflightError(property: string, err: unknown): CheckFailure {
  const { action, detail } = (err ?? {}) as { action?: string; detail?: string };
  if (errorCode(err)) {
    const what = `preflight could not read ECS${action ? ` (${action})` : ""}${detail ? `: ${detail.trim().replace(/\.+$/, "")}` : ""}`;
    return errorFailure(property, what, err, action);
  }
  return failure(property, `preflight could not read ECS: ${briefError(err)}`);
}

/**
 * The region to look in: the input, else alicloud:region, else ALIBABA_CLOUD_REGION_ID, else the
 * first region where `probe` finds the resource (DescribeRegions + Describe*, read-only).
 */
export async function regionFor(
  explicit: string | undefined,
  probe: (regionId: string) => Promise<boolean>,
): Promise<string | undefined> {
  const resolved = resolveRegion(explicit);
  if (resolved) return resolved;
  for (const regionId of await ecs().describeRegions()) {
    if (await probe(regionId)) return regionId;
  }
  return undefined;
}

const RUNNING: InstanceStatus[] = ["Running", "Starting", "Stopping", "Pending"];

export function isRunningLike(status: string | undefined): boolean {
  return status !== undefined && (RUNNING as string[]).includes(status);
}

/** Problems of the instance itself that make any operation on it fail. */
export function instanceProblems(
  instance: InstanceInfo,
  powerPolicy: PowerPolicy,
  property: string,
  action: string,
): CheckFailure[] {
  const out: CheckFailure[] = [];
  const id = instance.instanceId;
  const locks = (instance.operationLocks ?? []).map((l) => l.toLowerCase());
  if (locks.includes("security")) {
    out.push(ecsFailure(property, `instance ${id} is locked for security (OperationLocks: security)`, "InstanceLockedForSecurity", action));
  }
  const expired =
    locks.includes("financial") ||
    locks.includes("expired") ||
    (instance.instanceChargeType === "PrePaid" && !!instance.expiredTime && Date.parse(instance.expiredTime) < clockNow());
  if (expired) {
    out.push(ecsFailure(property, `instance ${id} is expired or in arrears`, "InstanceExpiredOrInArrears", action));
  }
  if (powerPolicy === "fail-if-running" && isRunningLike(instance.status)) {
    out.push(
      ecsFailure(
        "powerPolicy",
        `instance ${id} is ${instance.status} and powerPolicy is "fail-if-running": the operation needs it Stopped`,
        "IncorrectInstanceStatus",
        action,
      ),
    );
  }
  return out;
}

/** The power part of a plan: what happens before and after the operation. */
export function powerPlan(
  instanceId: string,
  status: string | undefined,
  powerPolicy: PowerPolicy,
): { before: string[]; after: string[] } {
  const startAgain: Record<PowerPolicy, string> = {
    restore: "it will be started again",
    start: "it will be started afterwards",
    "leave-stopped": "it stays Stopped afterwards",
    "fail-if-running": "",
  };
  if (status === undefined) {
    if (powerPolicy === "fail-if-running") {
      return { before: [`fail if ${instanceId} is running (powerPolicy fail-if-running)`], after: [] };
    }
    const after: Record<PowerPolicy, string> = {
      restore: `start ${instanceId} again if it was running before`,
      start: `start ${instanceId}`,
      "leave-stopped": `leave ${instanceId} Stopped (powerPolicy leave-stopped)`,
      "fail-if-running": "",
    };
    return {
      before: [`stop ${instanceId} if it is running (status known at apply; powerPolicy ${powerPolicy}: ${startAgain[powerPolicy]})`],
      after: [after[powerPolicy]],
    };
  }
  if (isRunningLike(status)) {
    const after = powerPolicy === "leave-stopped" ? `leave ${instanceId} Stopped (powerPolicy leave-stopped)` : `start ${instanceId}`;
    return { before: [`stop ${instanceId} (${status} now; powerPolicy ${powerPolicy}: ${startAgain[powerPolicy]})`], after: [after] };
  }
  const after =
    powerPolicy === "start" ? `start ${instanceId} (powerPolicy start)` : `leave ${instanceId} Stopped (it was ${status} before; powerPolicy ${powerPolicy})`;
  return { before: [`${instanceId} is ${status} now: no stop needed`], after: [after] };
}
