// One participant as a CI pipeline runs it: each attempt is a fresh provider process (its own
// ProcessScope: clock with the machine's skew, warnings, in-process sessions, an EcsApi over the
// simulated wire) that does what the Pulumi engine does for the resource:
//  - nothing recorded yet (first run, or the re-run after a process killed mid-create left a
//    pending create): check, then create with the checked inputs;
//  - a failure that returned partial state (OperationError: id + properties) is recorded, and the
//    next run is check(olds, news), diff, update(id, olds, news).
// An attempt ends when create/update returns or throws, or when its process dies at its crash
// point. After a crash the pipeline always runs again; after a failure only if the plan says so.
import { createEcsApi } from "../provider/ecs/client";
import type { EcsSettings } from "../provider/ecs/settings";
import { ProcessScope, runInProcessScope } from "../provider/ecs/process-scope";
import { setStackConfig, useEcsApi } from "../provider/common/context";
import { provider } from "../provider/implementation";
import { stackOwnerId } from "../provider/operations/window/record";
import { REGION } from "./fleet";
import type { AttemptRecord, ChainRecord } from "./history";
import type { SimNetwork } from "./network";
import type { ParticipantPlan } from "./scenario";

/** The retry policy of a real provider process (timing.ts defaults), fixed so the environment cannot change a run. */
const RETRY = { retries: 6, minDelayMs: 1000, maxDelayMs: 30_000 };
const SETTINGS = { regionId: REGION, credential: undefined, protocol: "http", endpoint: "in-process" } as unknown as EcsSettings;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The Pulumi state of the resource between runs: recorded after a failure that returned partial state. */
interface Recorded {
  id: string;
  outs: Record<string, unknown>;
}

export interface PipelineHooks {
  network: SimNetwork;
  /** Resolves when the attempt's process dies (set up by the runner; network.onDeath resolves it). */
  deathOf(attempt: AttemptRecord): Promise<void>;
}

export async function runPipeline(plan: ParticipantPlan, chain: ChainRecord, hooks: PipelineHooks): Promise<void> {
  await delay(plan.startMs);
  let recorded: Recorded | undefined;
  for (let index = 0; index < plan.attempts.length; index++) {
    const attemptPlan = plan.attempts[index];
    if (index > 0) await delay(attemptPlan.delayMs);
    const attempt: AttemptRecord = {
      participant: plan,
      index,
      name: `${plan.name}#${index + 1}`,
      skewMs: attemptPlan.skewMs,
      mode: recorded ? "update" : "create",
      start: Date.now(),
      calls: [],
      notes: [],
      dead: false,
    };
    chain.attempts.push(attempt);
    const scope = new ProcessScope({
      name: attempt.name,
      clock: { now: () => Date.now() + attemptPlan.skewMs },
      log: (line) => attempt.notes.push({ at: Date.now(), text: line }),
    });
    const run = runInProcessScope(scope, () => runAttempt(plan, attempt, recorded, hooks.network));
    const died = hooks.deathOf(attempt).then(() => "died" as const);
    const result = await Promise.race([run, died]);
    attempt.end = Date.now();
    if (result === "died") {
      attempt.outcome = "crashed";
      continue; // a pending operation: the next run repeats what this one was doing, with the same state
    }
    attempt.outcome = result.ok ? "success" : "failed";
    if (result.ok) {
      attempt.outputs = result.outs;
      chain.outcome = "success";
      return;
    }
    attempt.error = result.error;
    const partial = partialStateOf(result.error);
    if (partial) recorded = partial;
    chain.outcome = "failed";
    if (!plan.retryOnFailure) return;
  }
}

type AttemptResult = { ok: true; outs: Record<string, unknown> } | { ok: false; error: unknown };

async function runAttempt(plan: ParticipantPlan, attempt: AttemptRecord, recorded: Recorded | undefined, network: SimNetwork): Promise<AttemptResult> {
  try {
    setStackConfig({ "alicloud:region": REGION });
    useEcsApi(createEcsApi(SETTINGS, { transport: network.transportFor(attempt), retry: RETRY }));
    const resource = provider(plan.kind);
    const olds = recorded?.outs ?? {};
    // As the resource class registers it: the stack's owner id (each participant is a pipeline of its own stack).
    const checked = await resource.check!(olds, { ...plan.inputs, __owner: stackOwnerId("sim", plan.name) });
    if (checked.failures?.length) return { ok: false, error: new CheckFailedError(plan.kind, checked.failures) };
    if (!recorded) {
      const created = await resource.create!(checked.inputs);
      return { ok: true, outs: created.outs ?? {} };
    }
    const diff = await resource.diff!(recorded.id, recorded.outs, checked.inputs);
    if (diff.changes === false) return { ok: true, outs: recorded.outs };
    const updated = await resource.update!(recorded.id, recorded.outs, checked.inputs);
    return { ok: true, outs: updated.outs ?? {} };
  } catch (error) {
    return { ok: false, error };
  }
}

/** What `pulumi up` prints when check returns failures (the run stops there; nothing was recorded). */
export class CheckFailedError extends Error {
  constructor(
    readonly kind: string,
    readonly failures: { property: string; reason: string }[],
  ) {
    super(`${kind}: check failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    this.name = "CheckFailedError";
  }
}

/** The partial state the engine records from a failed create/update (cmd/dynamic-provider: an error with an id). */
function partialStateOf(error: unknown): Recorded | undefined {
  const e = error as { id?: unknown; properties?: unknown } | undefined;
  if (e && typeof e.id === "string" && e.id && e.properties && typeof e.properties === "object") {
    return { id: e.id, outs: e.properties as Record<string, unknown> };
  }
  return undefined;
}
