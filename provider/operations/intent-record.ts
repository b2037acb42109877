// The durable intent record: what an operation is doing to an instance, kept as ECS tags on the
// instance itself so that every process (a later run after a crash, another stack's pipeline) can
// see it. Keys start with `diskops:`; values are short `word key=value ...` texts an operator can
// read in the console. See docs/CRASH-SAFETY.md.
//
//   diskops:window            open before=Running since=20250101T020000Z
//                             (the power state found before the first stop of the shared window)
//   diskops:op:<id>           replace running policy=restore before=Running since=… until=… from=d-…
//                             (one per participant; "done want=run|stop" when its work is over)
//
// Tags are last-write-wins, not compare-and-swap: the protocol (cloud-window.ts) re-reads after
// every write and tolerates a lost race. ECS limits: keys and values <= 128 characters, <= 20
// tags per resource, so each participant owns ONE tag and the window ONE more.
import { createHash } from "crypto";
import type { PowerPolicy } from "./types";
import { now as clockNow } from "../ecs/process-scope";

export const TAG_PREFIX = "diskops:";
export const WINDOW_KEY = "diskops:window";
export const OP_KEY_PREFIX = "diskops:op:";
export const MAX_TAG_TEXT = 128;

export type OpKind = "restore" | "replace";

export interface OpRecord {
  /** The key's suffix: derived from the resource's inputs (and ClientToken), so a re-run finds it. */
  id: string;
  kind: OpKind;
  state: "running" | "done";
  policy: PowerPolicy;
  /** The power state before the first stop of the window, as this participant saw it. */
  before: string;
  /** ms since epoch (second precision on the wire). */
  since: number;
  /** since + the operation's own timeouts: after this, a running record's holder counts as gone. */
  until: number;
  /** When done: the power state this participant asks the window to end in. */
  want?: "run" | "stop";
  /** replace: the system disk before the replacement (a different one attached means it was done). */
  from?: string;
  /** restore: how many disks (in input order) had their reset accepted. */
  reset?: number;
  /** replace: the image (only when it fits in the value). */
  image?: string;
  /** replace: the instance's image before the replacement (only when it fits). */
  was?: string;
}

export interface WindowRecord {
  state: "open" | "closing";
  before: string;
  since: number;
  /** closing: when the closer's start timeout runs out (a closer that died is not waited for after it). */
  until?: number;
  /** closing: the intent id of the closer (its own re-run does not wait for itself). */
  by?: string;
}

export interface IntentTags {
  window?: WindowRecord;
  ops: OpRecord[];
  /** Our tags that could not be read (foreign or garbled values): reported, then removed at close. */
  unreadable: string[];
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

/** An intent id: 12 hex characters of a hash of what identifies the operation. */
export function intentId(material: string): string {
  return createHash("sha256").update(material).digest("hex").slice(0, 12);
}

export function opKey(id: string): string {
  return OP_KEY_PREFIX + id;
}

export function encodeOp(op: OpRecord): string {
  const parts = [
    op.kind,
    op.state,
    `policy=${op.policy}`,
    `before=${op.before}`,
    `since=${compactTime(op.since)}`,
    `until=${compactTime(op.until)}`,
  ];
  if (op.want) parts.push(`want=${op.want}`);
  if (op.from) parts.push(`from=${op.from}`);
  if (op.reset !== undefined) parts.push(`reset=${op.reset}`);
  let text = parts.join(" ");
  // Optional words, left out when they would not fit: the image before, then the image for the reader.
  if (op.was && text.length + op.was.length + 5 <= MAX_TAG_TEXT) text += ` was=${op.was}`;
  if (op.image && text.length + op.image.length + 7 <= MAX_TAG_TEXT) text += ` image=${op.image}`;
  if (text.length > MAX_TAG_TEXT) throw new Error(`intent record too long for an ECS tag value (${text.length} > ${MAX_TAG_TEXT}): ${text}`);
  return text;
}

export function decodeOp(id: string, text: string): OpRecord | undefined {
  const { words, kv } = fields(text);
  const [kind, state] = words;
  const since = parseCompactTime(kv.since);
  const until = parseCompactTime(kv.until);
  if ((kind !== "restore" && kind !== "replace") || (state !== "running" && state !== "done")) return undefined;
  if (since === undefined || until === undefined || !kv.before || !kv.policy) return undefined;
  const op: OpRecord = { id, kind, state, policy: kv.policy as PowerPolicy, before: kv.before, since, until };
  if (kv.want === "run" || kv.want === "stop") op.want = kv.want;
  if (kv.from) op.from = kv.from;
  if (kv.reset !== undefined && /^\d+$/.test(kv.reset)) op.reset = Number(kv.reset);
  if (kv.image) op.image = kv.image;
  if (kv.was) op.was = kv.was;
  return op;
}

export function encodeWindow(w: WindowRecord): string {
  const parts = [w.state, `before=${w.before}`, `since=${compactTime(w.since)}`];
  if (w.until !== undefined) parts.push(`until=${compactTime(w.until)}`);
  if (w.by) parts.push(`by=${w.by}`);
  return parts.join(" ");
}

export function decodeWindow(text: string): WindowRecord | undefined {
  const { words, kv } = fields(text);
  const since = parseCompactTime(kv.since);
  if ((words[0] !== "open" && words[0] !== "closing") || !kv.before || since === undefined) return undefined;
  return { state: words[0], before: kv.before, since, until: parseCompactTime(kv.until), by: kv.by || undefined };
}

/** Our records among an instance's tags (other tags are the user's and left alone). */
export function readIntentTags(tags: Record<string, string>): IntentTags {
  const out: IntentTags = { ops: [], unreadable: [] };
  for (const [key, value] of Object.entries(tags)) {
    if (key === WINDOW_KEY) {
      const w = decodeWindow(value);
      if (w) out.window = w;
      else out.unreadable.push(key);
    } else if (key.startsWith(OP_KEY_PREFIX)) {
      const op = decodeOp(key.slice(OP_KEY_PREFIX.length), value);
      if (op) out.ops.push(op);
      else out.unreadable.push(key);
    }
  }
  out.ops.sort((a, b) => a.since - b.since || a.id.localeCompare(b.id));
  return out;
}

/** A record whose holder is gone: its own timeouts have run out. */
export function isExpired(op: OpRecord, now = clockNow()): boolean {
  return now > op.until;
}

/** The record in words, for messages: "replace op 1a2b… (running since …, until …)". */
export function describeOp(op: OpRecord): string {
  const extra = op.kind === "replace" && op.from ? `, replacing system disk ${op.from}` : "";
  return `${OP_KEY_PREFIX}${op.id} (${op.kind} ${op.state}, powerPolicy ${op.policy}, instance ${op.before} before, since ${isoTime(op.since)}, ` +
    `expires ${isoTime(op.until)}${extra})`;
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
