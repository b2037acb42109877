// One simulation run: draw the seed's scenario, fake time and randomness, open the emulated cloud,
// start every participant's pipeline, drive virtual time until all have finished (or a hang is
// certain), let the cloud settle, then hand the history and the final cloud to the oracle.
import { openInProcessEmulator, type InProcessEmulator } from "../emulator/in-process";
import { useIdEntropy } from "../emulator/model/ids";
import { fleetSeed } from "./fleet";
import type { ChainRecord, AttemptRecord } from "./history";
import { SimNetwork, type NetworkStats } from "./network";
import { judge, type Violation } from "./oracle";
import { attemptBoundMs } from "./oracle/deadlines";
import { runPipeline } from "./pipeline";
import { Rng } from "./random";
import { DEFAULT_LIMITS, drawScenario, type Scenario, type ScenarioLimits } from "./scenario";
import { VirtualTime } from "./virtual-time";

/** Virtual time at the start of every run (a fixed instant keeps runs identical). */
export const EPOCH = Date.UTC(2026, 0, 5, 8, 0, 0);
/** After the last participant: how long the cloud gets to finish what was started (dead processes' calls). */
const SETTLE_MS = 15 * 60_000;

/** Provider timing read from the environment, pinned to the defaults for the run. */
const PINNED_ENV: Record<string, string | undefined> = {
  DISKOPS_POLL_MIN_MS: undefined,
  DISKOPS_POLL_MAX_MS: undefined,
  DISKOPS_RETRIES: undefined,
  DISKOPS_RETRY_MIN_MS: undefined,
  DISKOPS_RETRY_MAX_MS: undefined,
  DISKOPS_BATCH_WINDOW_MS: undefined,
  DISKOPS_READ_REUSE_MS: undefined,
  ALIBABA_CLOUD_REGION_ID: undefined,
};

export interface RunOptions {
  limits?: ScenarioLimits;
  /** Changes the scenario after it is drawn (regression tests pin a detail). */
  adjust?: (scenario: Scenario) => void;
}

export interface RunResult {
  seed: number;
  scenario: Scenario;
  chains: ChainRecord[];
  network: NetworkStats;
  calls: SimNetwork["calls"];
  violations: Violation[];
  /** Virtual duration of the run (ms). */
  virtualMs: number;
  /** The cloud as it ended (for the trace). */
  final: ReturnType<InProcessEmulator["cloud"]["data"]>;
  /** A run the simulator itself could not finish (a bug in the simulator, not a finding). */
  internalError?: string;
}

let running = false;

export async function runSeed(seed: number, options: RunOptions = {}): Promise<RunResult> {
  if (running) throw new Error("runSeed: one simulation at a time (it fakes the global clock)");
  running = true;
  const scenario = drawScenario(seed, options.limits ?? DEFAULT_LIMITS);
  options.adjust?.(scenario);
  const savedEnv = Object.fromEntries(Object.keys(PINNED_ENV).map((k) => [k, process.env[k]]));
  for (const k of Object.keys(PINNED_ENV)) delete process.env[k];
  const savedRandom = Math.random;
  Math.random = Rng.stream(seed, "math-random").asFunction();
  const ids = Rng.stream(seed, "ids");
  const savedEntropy = useIdEntropy((n) => ids.bytes(n));
  // Resource ids (provider/common/apply.ts) come from crypto.randomBytes: seeded too, so a trace replays byte for byte.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const crypto = require("crypto") as { randomBytes: typeof import("crypto").randomBytes };
  const savedRandomBytes = crypto.randomBytes;
  const bytes = Rng.stream(seed, "random-bytes");
  (crypto as { randomBytes: unknown }).randomBytes = (n: number, cb?: unknown) => (cb ? savedRandomBytes(n, cb as never) : bytes.bytes(n));
  const time = VirtualTime.install(EPOCH);
  let emu: InProcessEmulator | undefined;
  try {
    emu = openInProcessEmulator({
      seed: fleetSeed(scenario.instanceStatuses),
      timeScale: 1,
      durationJitter: 0.3,
      randomSeed: Rng.stream(seed, "emulator").int(0, 0xffffffff),
      tagReadLagSeconds: scenario.tagLagSeconds,
      clientTokenTtlSeconds: scenario.clientTokenTtlSeconds,
      callLogLimit: 100,
      logError: () => undefined,
    });
    const deaths = new Map<AttemptRecord, () => void>();
    const deathPromises = new Map<AttemptRecord, Promise<void>>();
    const deathOf = (a: AttemptRecord) => {
      let p = deathPromises.get(a);
      if (!p) {
        p = new Promise<void>((resolve) => deaths.set(a, resolve));
        deathPromises.set(a, p);
      }
      return p;
    };
    const network = new SimNetwork(emu, Rng.stream(seed, "network"), scenario.faults, scenario.latencyMs, (a) => {
      void deathOf(a);
      deaths.get(a)!();
    });
    const chains: ChainRecord[] = scenario.participants.map((participant) => ({ participant, attempts: [] }));
    let finished = 0;
    let internalError: string | undefined;
    chains.forEach((chain) =>
      runPipeline(chain.participant, chain, { network, deathOf })
        .catch((err) => (internalError ??= `pipeline ${chain.participant.name}: ${(err as Error)?.stack ?? err}`))
        .finally(() => finished++),
    );
    // Past this, a participant still running is hung: every attempt's own bound, its start and its delays.
    const horizon =
      EPOCH +
      Math.max(...scenario.participants.map((p) => p.startMs + p.attempts.reduce((s, a) => s + a.delayMs + attemptBoundMs(p), 0))) +
      60 * 60_000;
    let hung = false;
    await VirtualTime.drain();
    while (finished < chains.length) {
      if (time.now() > horizon || !time.fireNext()) {
        hung = true;
        break;
      }
      await VirtualTime.drain();
    }
    // Let the cloud finish transitions that were started (a dead process's stop, a late reset).
    const settleUntil = time.now() + SETTLE_MS;
    while (!hung && time.pending() > 0 && time.now() < settleUntil) {
      time.fireNext();
      await VirtualTime.drain();
    }
    emu.cloud.settle();
    const virtualMs = time.now() - EPOCH;
    const final = emu.cloud.data();
    const violations = internalError ? [] : judge({ scenario, chains, calls: network.calls, cloud: emu.cloud, hung, now: time.now() });
    return { seed, scenario, chains, network: network.stats, calls: network.calls, violations, virtualMs, final, internalError };
  } finally {
    emu?.close();
    time.uninstall();
    useIdEntropy(savedEntropy);
    (require("crypto") as { randomBytes: unknown }).randomBytes = savedRandomBytes;
    Math.random = savedRandom;
    for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    running = false;
  }
}
