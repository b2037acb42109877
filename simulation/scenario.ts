// What one seed draws: the cloud's starting state and behaviour (tag-read lag, token memory, how
// often answers are lost, throttled or fail), the participants (pipelines running a DiskRestore or
// a SystemDiskReplacement), when each starts, and for each of its attempts the clock skew of the
// machine it runs on, where it is killed, and how long the pipeline waits before running again.
// Everything comes from the seed's "scenario" stream: the same seed is the same scenario.
import { tagReadLagMs } from "../provider/ecs/timing";
import { dataDisks, IMAGES, instanceId, snapshotId, SNAPSHOT_LABELS } from "./fleet";
import { Rng } from "./random";

export type Kind = "DiskRestore" | "SystemDiskReplacement";
export type Policy = "restore" | "start" | "leave-stopped" | "fail-if-running";
export const POLICIES: readonly Policy[] = ["restore", "start", "leave-stopped", "fail-if-running"];

/** Where an attempt's process dies: at its `atCall`-th ECS call, before sending it or after ECS carried it out. */
export interface CrashPlan {
  atCall: number;
  /** true: the call is carried out and its answer lost, then the process is dead. */
  sent: boolean;
}

export interface AttemptPlan {
  /** Wait before this attempt, after the previous one ended (0 for the first). */
  delayMs: number;
  /** This attempt's machine clock minus the true time. */
  skewMs: number;
  crash?: CrashPlan;
}

export interface ParticipantPlan {
  name: string;
  kind: Kind;
  /** 1-based index of the instance it acts on. */
  instance: number;
  inputs: Record<string, unknown>;
  /** When its first attempt starts, after the run's start. */
  startMs: number;
  /** Planned attempts; a later one runs only after a crash, or after a failure when retryOnFailure. */
  attempts: AttemptPlan[];
  retryOnFailure: boolean;
}

export interface FaultRates {
  lostAnswer: number;
  throttle: number;
  serverError: number;
}

export interface Scenario {
  seed: number;
  instanceStatuses: ("Running" | "Stopped")[];
  participants: ParticipantPlan[];
  tagLagSeconds: number;
  clientTokenTtlSeconds: number;
  faults: FaultRates;
  /** Each leg of a call (to ECS, back) takes a time drawn from this range (ms). */
  latencyMs: [number, number];
}

export interface ScenarioLimits {
  /** Largest clock skew of a participant, either way (ms). */
  maxSkewMs: number;
  /** Largest tag-read lag (seconds); 0 = ECS tag reads see every acknowledged write. */
  maxTagLagSeconds: number;
}

/**
 * By default tag reads lag by up to what the protocol assumes (L, DISKOPS_TAG_READ_LAG_MS: 1 s),
 * drawn per seed (half the seeds read-your-writes, 0), and per read within the seed's bound.
 */
export const DEFAULT_LIMITS: ScenarioLimits = { maxSkewMs: 5 * 60_000, maxTagLagSeconds: tagReadLagMs() / 1000 };

const EIGHT_HOURS = 8 * 3600;


export function drawScenario(seed: number, limits: ScenarioLimits = DEFAULT_LIMITS): Scenario {
  const rng = Rng.stream(seed, "scenario");
  const instanceCount = rng.int(1, 3);
  const instanceStatuses = Array.from({ length: instanceCount }, () => (rng.chance(0.6) ? "Running" : "Stopped") as "Running" | "Stopped");
  const count = rng.weighted([[1, 15], [2, 30], [3, 25], [4, 15], [5, 15]] as const);
  const crashRate = rng.weighted([[0, 30], [0.3, 40], [0.6, 30]] as const);
  const participants: ParticipantPlan[] = [];
  for (let i = 0; i < count; i++) {
    const twin = i > 0 && rng.chance(0.25) ? rng.pick(participants) : undefined;
    const base = twin ? { kind: twin.kind, instance: twin.instance, inputs: twin.inputs } : drawInputs(rng, instanceCount);
    participants.push({
      name: `P${i + 1}`,
      ...base,
      startMs: rng.weighted([[0, 20], [rng.int(0, 60_000), 50], [rng.int(60_000, 600_000), 20], [rng.int(600_000, 3_600_000), 10]] as const),
      attempts: drawAttempts(rng, crashRate, limits.maxSkewMs),
      retryOnFailure: rng.chance(0.5),
    });
  }
  const faults = rng.weighted([
    [{ lostAnswer: 0, throttle: 0, serverError: 0 }, 40],
    [{ lostAnswer: 0.02, throttle: 0.02, serverError: 0.02 }, 35],
    [{ lostAnswer: 0.06, throttle: 0.05, serverError: 0.05 }, 25],
  ] as const);
  return {
    seed,
    instanceStatuses,
    participants,
    tagLagSeconds: drawTagLag(seed, limits.maxTagLagSeconds),
    clientTokenTtlSeconds: rng.chance(0.25) ? rng.int(60, 900) : EIGHT_HOURS,
    faults: { ...faults },
    latencyMs: [2, rng.pick([20, 80, 400])],
  };
}

/** The seed's tag-read lag, from a stream of its own (so the bound changes no other draw of the seed). */
function drawTagLag(seed: number, max: number): number {
  const rng = Rng.stream(seed, "tag-lag");
  return max > 0 && rng.chance(0.5) ? Math.round(rng.float() * max * 1000) / 1000 : 0;
}

function drawAttempts(rng: Rng, crashRate: number, maxSkewMs: number): AttemptPlan[] {
  const attempts: AttemptPlan[] = [];
  for (let k = 0; k < 3; k++) {
    attempts.push({
      delayMs:
        k === 0
          ? 0
          : rng.weighted([[0, 35], [rng.int(1_000, 60_000), 30], [rng.int(120_000, 1_200_000), 20], [rng.int(1_800_000, 7_200_000), 15]] as const),
      skewMs: maxSkewMs > 0 && rng.chance(0.5) ? rng.int(-maxSkewMs, maxSkewMs) : 0,
      // The last attempt is never killed: every crash is followed by a re-run that can finish.
      crash: k < 2 && rng.chance(crashRate) ? { atCall: rng.int(1, 45), sent: rng.chance(0.5) } : undefined,
    });
  }
  return attempts;
}

function drawInputs(rng: Rng, instanceCount: number): Pick<ParticipantPlan, "kind" | "instance" | "inputs"> {
  const instance = rng.int(1, instanceCount);
  const kind: Kind = rng.chance(0.65) ? "DiskRestore" : "SystemDiskReplacement";
  const safety = rng.chance(0.15);
  const common: Record<string, unknown> = {
    powerPolicy: rng.pick(POLICIES),
    timeouts: {
      stop: rng.pick(["2m", "5m"]),
      [kind === "DiskRestore" ? "restore" : "replace"]: rng.pick(["5m", "10m"]),
      start: rng.pick(["2m", "5m"]),
      ...(safety ? { snapshot: "10m" } : {}),
    },
  };
  if (rng.chance(0.3)) common.forceStop = true;
  if (safety) common.safetySnapshot = { enabled: true };
  if (kind === "DiskRestore") {
    const disks = dataDisks(instance);
    const chosen = rng.weighted([[[disks[0]], 35], [[disks[1]], 25], [disks, 40]] as const);
    const inputs: Record<string, unknown> = {
      ...common,
      disks: chosen.map((diskId) => ({ diskId, snapshotId: snapshotId(diskId, rng.pick(SNAPSHOT_LABELS)) })),
      strategy: rng.pick(["per-disk", "batch"]),
    };
    if (rng.chance(0.5)) inputs.instanceId = instanceId(instance);
    return { kind, instance, inputs };
  }
  const inputs: Record<string, unknown> = { ...common, instanceId: instanceId(instance), imageId: rng.pick(IMAGES), passwordInherit: true };
  if (rng.chance(0.3)) inputs.systemDiskSize = 40;
  return { kind, instance, inputs };
}
