// The intent record's tag format (README.md in this folder has the protocol). One tag per holder
// (a provider process of one stack) on the instance it holds stopped:
//
//   diskops:owner:<owner>.<incarnation>   open before=Running since=20261205T194300Z until=20261205T201300Z
//                                         done want=run before=Running since=… until=…
//
// <owner> is 12 hex of the stack (project/stack), so a pipeline's re-run recognises what its
// killed predecessor wrote; <incarnation> is 4 hex per process, so a re-run never overwrites its
// predecessor's record before it has read it. Values carry nothing specific to one instance in the
// common case (a replacement adds from=<disk>): a process writes the same tag to up to 50
// instances in one TagResources call (tag-writer.ts).
//
// Records written by the previous format (diskops:window + diskops:op:<id>, the format of 0.1.0)
// are read as holders too (legacy), so an upgrade in the middle of an incident strands nothing.
import { createHash } from "crypto";
import type { PowerPolicy } from "../types";

export const TAG_PREFIX = "diskops:";
export const HOLDER_KEY_PREFIX = "diskops:owner:";
export const LEGACY_WINDOW_KEY = "diskops:window";
export const LEGACY_OP_PREFIX = "diskops:op:";
export const MAX_TAG_TEXT = 128;
/** `before=?`: a holder still entering the window (it has touched nothing yet). */
export const UNDECIDED = "?";

/**
 * open: working in the window (joiners welcome). ending: its last call was accepted, it will
 * close the window when that finishes (newcomers wait for the close). done: its work is over
 * (want says the power state it asks for), waiting for the window to close. closing: decided
 * (want: the window's outcome), restoring power and removing the records (newcomers wait).
 * closed: the window is over; kept only so that the holder's re-run can confirm its replacement.
 */
export type Phase = "open" | "ending" | "done" | "closing" | "closed";
const PHASES: readonly Phase[] = ["open", "ending", "done", "closing", "closed"];

export interface HolderRecord {
  /** The tag key. */
  key: string;
  /** Owner id (12 hex), or for a legacy record its op id. */
  owner: string;
  /** Process incarnation (4 hex); absent on legacy records. */
  incarnation?: string;
  /** Written by the previous format (diskops:op:<id>). */
  legacy?: boolean;
  phase: Phase;
  /**
   * The power state before the window's first stop, as this holder knows it; UNDECIDED while it is
   * entering (it has stopped nothing yet, and others ignore it when they decide theirs).
   */
  before: string;
  /** Cloud time (ms) the holder entered, and until when its own timeouts run: past it, it is gone. */
  since: number;
  until: number;
  /** done/closing: the power state the holder asks the window to end in. */
  want?: "run" | "stop";
  /** done/closing: some of its work failed (a re-run does it again). */
  failed?: boolean;
  /**
   * Another window closed over this record after its holder died: the power state it recorded no
   * longer applies (its re-run starts from what it finds), only what it says about the work does.
   */
  superseded?: boolean;
  /** A replacement in this window: the system disk being replaced. */
  from?: string;
  /** A replacement: the instance's image before (only when it fits). */
  was?: string;
  /** Legacy only: the policy the holder ran with. */
  policy?: PowerPolicy;
}

export interface WindowTags {
  holders: HolderRecord[];
  /** Keys of ours that could not be read (garbled or foreign values): reported, removed at close. */
  unreadable: string[];
  /** Legacy window key present (removed at close). */
  legacyWindow?: { state: "open" | "closing"; before: string; by?: string; until?: number };
}

/** 2025-01-01T02:00:00Z as 20250101T020000Z (ISO 8601 basic format, readable and short). */
export function compactTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

export function parseCompactTime(text: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? "");
  if (!m) return undefined;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/** "2025-01-01T02:00:00Z" for messages. */
export function isoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d+Z$/, "Z");
}

/** 12 hex characters of a hash: owner ids (of a stack) and legacy op ids. */
export function shortHash(material: string): string {
  return createHash("sha256").update(material).digest("hex").slice(0, 12);
}

/** The owner id of a stack's resources: the same for every resource of the stack, and for its re-runs. */
export function stackOwnerId(project: string, stack: string): string {
  return shortHash(`stack:${project}/${stack}`);
}

export function holderKey(owner: string, incarnation: string): string {
  return `${HOLDER_KEY_PREFIX}${owner}.${incarnation}`;
}

export type RecordFields = Omit<HolderRecord, "key" | "owner" | "incarnation" | "legacy" | "policy">;

export function encodeHolder(r: RecordFields): string {
  const parts = [r.phase, `before=${r.before}`, `since=${compactTime(r.since)}`, `until=${compactTime(r.until)}`];
  if (r.want) parts.push(`want=${r.want}`);
  if (r.failed) parts.push("failed");
  if (r.superseded) parts.push("superseded");
  if (r.from) parts.push(`from=${r.from}`);
  let text = parts.join(" ");
  // The image before is for a resumed run's outputs only: left out when it would not fit.
  if (r.was && text.length + r.was.length + 5 <= MAX_TAG_TEXT) text += ` was=${r.was}`;
  if (text.length > MAX_TAG_TEXT) throw new Error(`intent record too long for an ECS tag value (${text.length} > ${MAX_TAG_TEXT}): ${text}`);
  return text;
}

function fields(text: string): { words: string[]; kv: Record<string, string> } {
  const words: string[] = [];
  const kv: Record<string, string> = {};
  for (const part of text.trim().split(/\s+/)) {
    const eq = part.indexOf("=");
    if (eq > 0) kv[part.slice(0, eq)] = part.slice(eq + 1);
    else if (part) words.push(part);
  }
  return { words, kv };
}

export function decodeHolder(key: string, text: string): HolderRecord | undefined {
  const m = /^diskops:owner:([0-9a-f]{12})\.([0-9a-f]{4})$/.exec(key);
  if (!m) return undefined;
  const { words, kv } = fields(text);
  const phase = words[0] as Phase;
  const since = parseCompactTime(kv.since);
  const until = parseCompactTime(kv.until);
  if (!PHASES.includes(phase) || !kv.before || since === undefined || until === undefined) return undefined;
  const r: HolderRecord = { key, owner: m[1], incarnation: m[2], phase, before: kv.before, since, until };
  if (kv.want === "run" || kv.want === "stop") r.want = kv.want;
  if (words.includes("failed")) r.failed = true;
  if (words.includes("superseded")) r.superseded = true;
  if (kv.from) r.from = kv.from;
  if (kv.was) r.was = kv.was;
  return r;
}

/**
 * A legacy op record (`diskops:op:<id>` = `<restore|replace> <running|done> policy=… before=…
 * since=… until=… [want=…] [from=…] [reset=…] [was=…] [image=…]`) as a holder.
 */
function decodeLegacyOp(key: string, text: string): HolderRecord | undefined {
  const { words, kv } = fields(text);
  const [kind, state] = words;
  const since = parseCompactTime(kv.since);
  const until = parseCompactTime(kv.until);
  if ((kind !== "restore" && kind !== "replace") || (state !== "running" && state !== "done")) return undefined;
  if (since === undefined || until === undefined || !kv.before || !kv.policy) return undefined;
  const r: HolderRecord = {
    key,
    owner: key.slice(LEGACY_OP_PREFIX.length),
    legacy: true,
    phase: state === "running" ? "open" : "done",
    before: kv.before,
    since,
    until,
    policy: kv.policy as PowerPolicy,
  };
  if (kv.want === "run" || kv.want === "stop") r.want = kv.want;
  if (kv.from) r.from = kv.from;
  if (kv.was) r.was = kv.was;
  return r;
}

function decodeLegacyWindow(text: string): WindowTags["legacyWindow"] {
  const { words, kv } = fields(text);
  if ((words[0] !== "open" && words[0] !== "closing") || !kv.before || !parseCompactTime(kv.since)) return undefined;
  return { state: words[0], before: kv.before, by: kv.by || undefined, until: parseCompactTime(kv.until) };
}

/** Our records among an instance's tags (other tags are the user's and left alone). */
export function readWindowTags(tags: Record<string, string> | undefined): WindowTags {
  const out: WindowTags = { holders: [], unreadable: [] };
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (!key.startsWith(TAG_PREFIX)) continue;
    if (key === LEGACY_WINDOW_KEY) {
      out.legacyWindow = decodeLegacyWindow(value);
      if (!out.legacyWindow) out.unreadable.push(key);
      continue;
    }
    const holder = key.startsWith(LEGACY_OP_PREFIX) ? decodeLegacyOp(key, value) : key.startsWith(HOLDER_KEY_PREFIX) ? decodeHolder(key, value) : undefined;
    if (holder) out.holders.push(holder);
    else if (key.startsWith(LEGACY_OP_PREFIX) || key.startsWith(HOLDER_KEY_PREFIX)) out.unreadable.push(key);
    // Other diskops: keys (safety-snapshot tags live on snapshots, not here) are not the window's.
  }
  // A legacy window being closed by one of its op holders: that holder is closing.
  const by = out.legacyWindow?.state === "closing" ? out.legacyWindow.by : undefined;
  for (const h of out.holders) if (h.legacy && h.owner === by) h.phase = "closing";
  out.holders.sort((a, b) => a.since - b.since || a.key.localeCompare(b.key));
  return out;
}

/** Every key the window uses on the instance now (what a close removes). */
export function windowKeys(tags: WindowTags): string[] {
  return [...tags.holders.map((h) => h.key), ...tags.unreadable, ...(tags.legacyWindow ? [LEGACY_WINDOW_KEY] : [])];
}

/**
 * Records are judged gone a little after their `until`: cloud time is known to about a second
 * (cloud-time.ts), and a record's times are written to the second.
 */
export const EXPIRY_MARGIN_MS = 5_000;

/**
 * How long after its `until` another stack's record stays for its own stack's re-run (which
 * resumes from it); past that, any window removes it. A pipeline re-run later than this starts afresh.
 */
export const RECORD_RETENTION_MS = 24 * 3600_000;

/** A record nobody will come back for: its holder's time ran out more than RECORD_RETENTION_MS ago. */
export function isAbandoned(r: HolderRecord, cloudNow: number): boolean {
  return cloudNow > r.until + RECORD_RETENTION_MS;
}

/** A holder whose own timeouts have run out: its process is gone. */
export function isExpired(r: HolderRecord, cloudNow: number): boolean {
  return cloudNow > r.until + EXPIRY_MARGIN_MS;
}

/** The record in words, for messages. */
export function describeHolder(r: HolderRecord): string {
  const what = r.from ? `, replacing system disk ${r.from}` : "";
  const want = r.want ? `, wants the instance ${r.want === "run" ? "Running" : "Stopped"}` : "";
  const before = r.before === UNDECIDED ? "entering" : `instance ${r.before} before`;
  return `${r.key} (${r.phase}${r.failed ? " after a failure" : ""}, ${before}, since ${isoTime(r.since)}, expires ${isoTime(r.until)}${want}${what})`;
}

/** Whether a participant with this policy wants the instance Running at the end. */
export function wantsRunning(policy: PowerPolicy, before: string | undefined, succeeded = true): boolean {
  if (!succeeded) return before === "Running";
  switch (policy) {
    case "start":
      return true;
    case "leave-stopped":
      return false;
    default: // restore, fail-if-running (which only proceeds on a non-Running instance)
      return before === "Running";
  }
}
