// The wire between the simulated provider processes and the one emulated cloud: an EcsTransport
// per attempt (process) that carries each call to the in-process emulator after a drawn latency,
// and enacts the seed's faults: a lost answer (carried out, the SDK sees a network error),
// Throttling.User with x-acs-retry-after, a 5xx, and the process's death at its crash point.
// A dead process's calls, those under way included, never get an answer.
import type { InProcessEmulator } from "../emulator/in-process";
import type { EcsTransport, EcsWireAnswer } from "../provider/ecs/transport";
import type { AttemptRecord, CallRecord } from "./history";
import type { Rng } from "./random";
import type { FaultRates } from "./scenario";

export interface NetworkStats {
  calls: number;
  crashes: number;
  lostAnswers: number;
  throttled: number;
  serverErrors: number;
  staleReads: number;
}

/** The SDK's read timeout: how long a caller waits for an answer that never comes. */
const READ_TIMEOUT_MS = 10_000;

const hang = <T>(): Promise<T> => new Promise<T>(() => undefined);
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SimNetwork {
  readonly calls: CallRecord[] = [];
  readonly stats: NetworkStats = { calls: 0, crashes: 0, lostAnswers: 0, throttled: 0, serverErrors: 0, staleReads: 0 };

  constructor(
    private readonly emu: InProcessEmulator,
    private readonly rng: Rng,
    private readonly faults: FaultRates,
    private readonly latencyMs: [number, number],
    /** Told when an attempt's process dies (the pipeline stops waiting for it). */
    private readonly onDeath: (attempt: AttemptRecord) => void,
  ) {}

  transportFor(attempt: AttemptRecord): EcsTransport {
    return async (req) => {
      if (attempt.dead) return hang();
      const rec: CallRecord = {
        seq: this.calls.length + 1,
        at: Date.now(),
        attempt,
        action: req.action,
        query: req.query,
        fate: "orphaned",
        carriedOut: false,
      };
      this.calls.push(rec);
      attempt.calls.push(rec);
      this.stats.calls++;
      const crash = attempt.participant.attempts[attempt.index].crash;
      const crashHere = crash !== undefined && crash.atCall === attempt.calls.length;
      if (crashHere && !crash.sent) {
        rec.fate = "crash-before";
        this.kill(attempt);
        return hang();
      }
      await delay(this.latency());
      if (attempt.dead) return hang();
      if (crashHere) {
        this.carryOut(rec, req.version);
        rec.fate = "crash-after";
        this.kill(attempt);
        return hang();
      }
      const draw = this.rng.float();
      const { lostAnswer, throttle, serverError } = this.faults;
      let answer: EcsWireAnswer;
      if (draw < lostAnswer) {
        this.carryOut(rec, req.version);
        rec.fate = "lost";
        this.stats.lostAnswers++;
        // A connection reset comes back at once; a silent drop only after the read timeout.
        const reset = this.rng.chance(0.5);
        await delay(reset ? this.latency() : READ_TIMEOUT_MS);
        if (attempt.dead) return hang();
        throw Object.assign(new Error(reset ? "socket hang up" : `ReadTimeout(${READ_TIMEOUT_MS})`), reset ? { code: "ECONNRESET" } : { name: "RequestTimeoutError" });
      } else if (draw < lostAnswer + throttle) {
        this.emu.faults.addAll([{ Action: req.action, Code: "Throttling.User", HttpStatus: 400, Count: 1 }]);
        answer = this.carryOut(rec, req.version);
        rec.fate = "throttled";
        this.stats.throttled++;
      } else if (draw < lostAnswer + throttle + serverError) {
        const [Code, HttpStatus] = this.rng.chance(0.5) ? ["ServiceUnavailable", 503] : ["InternalError", 500];
        this.emu.faults.addAll([{ Action: req.action, Code, HttpStatus, Count: 1 }]);
        answer = this.carryOut(rec, req.version);
        rec.fate = "server-error";
        this.stats.serverErrors++;
      } else {
        answer = this.carryOut(rec, req.version);
        rec.fate = "ok";
      }
      await delay(this.latency());
      if (attempt.dead) return hang();
      return answer;
    };
  }

  private latency(): number {
    return this.rng.int(this.latencyMs[0], this.latencyMs[1]);
  }

  private kill(attempt: AttemptRecord): void {
    attempt.dead = true;
    this.stats.crashes++;
    this.onDeath(attempt);
  }

  /** Hands the call to the emulator and records what ECS did and answered. */
  private carryOut(rec: CallRecord, version: string): EcsWireAnswer {
    const a = this.emu.call(rec.action, rec.query, { version });
    rec.status = a.statusCode;
    rec.code = a.code;
    rec.body = a.body;
    rec.carriedOut = a.statusCode > 0 && !(a.code ?? "").startsWith("Throttling") && a.statusCode < 500;
    if (a.statusCode < 400 && this.isStale(rec.action, rec.query, a.body)) {
      rec.stale = true;
      this.stats.staleReads++;
    }
    return { statusCode: a.statusCode, headers: a.headers, body: a.body };
  }

  /** A tag read (ListTagResources, DescribeInstances/Disks) whose `diskops:` tags differ from the cloud's current ones. */
  private isStale(action: string, query: Record<string, string>, body: Record<string, unknown>): boolean {
    const shown = new Map<string, string[]>();
    const add = (id: string, key: string, value: string) => {
      if (key.startsWith("diskops:")) shown.set(id, [...(shown.get(id) ?? []), `${key}=${value}`]);
    };
    const asList = (v: unknown): any[] => (Array.isArray(v) ? v : []);
    if (action === "ListTagResources") {
      for (const t of asList((body.TagResources as any)?.TagResource)) add(String(t.ResourceId), String(t.TagKey), String(t.TagValue));
      // The resources asked about (one without tags is not listed at all).
      const ids = Object.entries(query).filter(([k]) => /^ResourceId\.\d+$/.test(k)).map(([, v]) => v);
      return ids.some((id) => this.differs(id, shown.get(id) ?? []));
    }
    if (action === "DescribeInstances" || action === "DescribeDisks") {
      const items = asList(action === "DescribeInstances" ? (body.Instances as any)?.Instance : (body.Disks as any)?.Disk);
      return items.some((item) => {
        const id = String(item.InstanceId && action === "DescribeInstances" ? item.InstanceId : item.DiskId);
        for (const t of asList(item.Tags?.Tag)) add(id, String(t.TagKey), String(t.TagValue));
        return this.differs(id, shown.get(id) ?? []);
      });
    }
    return false;
  }

  private differs(id: string, shown: string[]): boolean {
    const record = this.emu.cloud.instances.get(id) ?? this.emu.cloud.disks.get(id);
    if (!record) return false;
    const current = (record.Tags ?? []).filter((t) => t.TagKey.startsWith("diskops:")).map((t) => `${t.TagKey}=${t.TagValue}`);
    return current.sort().join("\n") !== [...shown].sort().join("\n");
  }
}
