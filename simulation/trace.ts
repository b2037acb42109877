// The readable trace of one run: the scenario, then every attempt's start and end and every ECS
// call in true-time order (who called what, what ECS did, what the caller saw), the final cloud,
// the violations, and the command that replays the seed.
import type { CallRecord } from "./history";
import type { RunResult } from "./run";
import { EPOCH } from "./run";
import { fmtAt, fmtDuration } from "./trace-format";

const asList = (v: unknown): any[] => (Array.isArray(v) ? v : []);

export function replayCommand(seed: number, extra = ""): string {
  return `npm run simulate -- --seed ${seed} --trace${extra}`;
}

export function describeScenario(r: RunResult): string[] {
  const s = r.scenario;
  const lines = [
    `seed ${s.seed}: ${s.participants.length} participant(s) on ${s.instanceStatuses.length} instance(s); tag-read lag up to ${s.tagLagSeconds}s; ` +
      `ClientTokens remembered ${fmtDuration(s.clientTokenTtlSeconds * 1000)}; lost answers ${pct(s.faults.lostAnswer)}, throttling ${pct(s.faults.throttle)}, 5xx ${pct(s.faults.serverError)}; latency ${s.latencyMs[0]}-${s.latencyMs[1]}ms per leg`,
    `  instances at start: ${s.instanceStatuses.map((st, i) => `i-sim-${i + 1} ${st}`).join(", ")}`,
  ];
  for (const p of s.participants) {
    lines.push(`  ${p.name} ${p.kind} on i-sim-${p.instance}, starts ${fmtAt(EPOCH + p.startMs, EPOCH)}: ${JSON.stringify(p.inputs)}`);
    const plans = p.attempts.map(
      (a, k) =>
        `#${k + 1}${k ? ` after ${fmtDuration(a.delayMs)}` : ""} skew ${a.skewMs >= 0 ? "+" : "-"}${fmtDuration(Math.abs(a.skewMs))}` +
        (a.crash ? ` killed at call ${a.crash.atCall} (${a.crash.sent ? "after ECS carried it out" : "before sending it"})` : ""),
    );
    lines.push(`     attempts planned: ${plans.join("; ")}; ${p.retryOnFailure ? "runs again after a failure" : "stops after a failure"}`);
  }
  return lines;
}

export interface TraceOptions {
  /** Only what changes the cloud, tag reads and what each attempt said: the reads that poll are left out. */
  brief?: boolean;
}

const POLLING_READS = new Set(["DescribeInstances", "DescribeDisks", "DescribeSnapshots", "DescribeImages", "DescribeKeyPairs", "DescribeRegions"]);

export function renderTrace(r: RunResult, options: TraceOptions = {}): string {
  const events: { at: number; seq: number; text: string }[] = [];
  let seq = 0;
  for (const chain of r.chains) {
    for (const a of chain.attempts) {
      events.push({ at: a.start, seq: seq++, text: `${a.name} starts: ${a.mode} (clock skew ${a.skewMs >= 0 ? "+" : "-"}${fmtDuration(Math.abs(a.skewMs))})` });
      for (const n of a.notes) events.push({ at: n.at, seq: seq++, text: `${a.name} says: ${n.text}` });
      if (a.end !== undefined) {
        const how =
          a.outcome === "success"
            ? `succeeded: ${summarizeOutputs(a.outputs)}`
            : a.outcome === "crashed"
              ? "process killed"
              : `failed: ${String((a.error as Error)?.message ?? a.error)}`;
        events.push({ at: a.end, seq: seq++, text: `${a.name} ${how}` });
      }
    }
  }
  // A poll that saw the same as the attempt's previous identical call is folded into it.
  const lastOf = new Map<string, { text: string; event: { at: number; seq: number; text: string }; repeats: number; until: number }>();
  for (const c of r.calls) {
    if (options.brief && POLLING_READS.has(c.action) && c.query.DryRun !== "true") continue;
    const text = renderCall(c);
    const last = lastOf.get(c.attempt.name);
    if (last && last.text === text && c.fate === "ok") {
      last.repeats++;
      last.until = c.at;
      last.event.text = `${text} (and ${last.repeats} more times until ${fmtAt(last.until, EPOCH)})`;
      continue;
    }
    const event = { at: c.at, seq: seq++, text };
    events.push(event);
    lastOf.set(c.attempt.name, { text, event, repeats: 0, until: c.at });
  }
  events.sort((x, y) => x.at - y.at || x.seq - y.seq);
  const lines = [...describeScenario(r), "", ...events.map((e) => `${fmtAt(e.at, EPOCH)} ${e.text}`), ""];
  lines.push(`final cloud (${fmtAt(EPOCH + r.virtualMs, EPOCH)}):`);
  for (const i of r.final.Instances) {
    const tags = (i.Tags ?? []).filter((t) => t.TagKey.startsWith("diskops:"));
    lines.push(`  ${i.InstanceId} ${i.Status} image ${i.ImageId}${tags.length ? ` tags ${tags.map((t) => `${t.TagKey}=${t.TagValue}`).join(" ")}` : ""}`);
  }
  for (const d of r.final.Disks) lines.push(`  ${d.DiskId} ${d.Type} ${d.Status} on ${d.InstanceId || "-"} snapshot ${d.SourceSnapshotId || "-"}`);
  return lines.join("\n");
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function summarizeOutputs(o: Record<string, unknown> | undefined): string {
  if (!o) return "";
  const keep = ["instanceStatusBefore", "instanceStatusAfter", "systemDiskId", "previousSystemDiskId"];
  const parts = keep.filter((k) => o[k] !== undefined).map((k) => `${k}=${o[k]}`);
  const results = asList(o.results).map((x) => `${x.diskId}:${x.status}`);
  return [...parts, ...(results.length ? [`results ${results.join(",")}`] : [])].join(" ");
}

const PARAMS = /^(InstanceId|InstanceIds|DiskId|DiskIds|SnapshotId|ImageId|ClientToken|DryRun|ForceStop|ResourceId\.\d+|Disk\.\d+\.(DiskId|SnapshotId)|TagKey\.\d+)$/;

export function renderCall(c: CallRecord): string {
  const q = c.query;
  const params: string[] = [];
  for (const [k, v] of Object.entries(q)) if (PARAMS.test(k)) params.push(`${k}=${v}`);
  for (let n = 1; q[`Tag.${n}.Key`] !== undefined; n++) params.push(`${q[`Tag.${n}.Key`]}="${q[`Tag.${n}.Value`] ?? ""}"`);
  const fate: Record<string, string> = {
    "crash-before": "process killed before sending it",
    "crash-after": "ECS carried it out; process killed before the answer came",
    orphaned: "never answered (process dead)",
    lost: `ECS carried it out (${answer(c)}); answer lost`,
    throttled: "Throttling.User (retry-after)",
    "server-error": `${c.status} ${c.code}`,
    ok: answer(c),
  };
  return `${c.attempt.name} → ${c.action} ${params.join(" ")} ⇒ ${fate[c.fate]}${c.stale ? " [stale tag read]" : ""}`;
}

function answer(c: CallRecord): string {
  if (c.status === undefined) return "?";
  if (c.status >= 400) return `${c.status} ${c.code}`;
  const b = c.body ?? {};
  const tags = (list: any[]) => list.filter((t) => String(t.TagKey).startsWith("diskops:")).map((t) => `${t.TagKey}="${t.TagValue}"`).join(" ");
  switch (c.action) {
    case "DescribeInstances":
      return asList((b.Instances as any)?.Instance)
        .map((i) => {
          const locks = asList(i.OperationLocks?.LockReason).map((l) => l.LockReason);
          const t = tags(asList(i.Tags?.Tag));
          return `${i.InstanceId} ${i.Status}${locks.length ? ` locks[${locks.join(",")}]` : ""}${t ? ` ${t}` : ""}`;
        })
        .join("; ");
    case "DescribeDisks":
      return asList((b.Disks as any)?.Disk).map((d) => `${d.DiskId} ${d.Status} snapshot ${d.SourceSnapshotId || "-"}`).join("; ");
    case "ListTagResources":
      return `tags: ${tags(asList((b.TagResources as any)?.TagResource)) || "(none)"}`;
    case "ReplaceSystemDisk":
      return `200 new disk ${b.DiskId}`;
    default:
      return `${c.status}`;
  }
}
