// Text summary of a test-engine run, in the style of the Pulumi CLI. Secrets print as [secret],
// values not known yet as [unknown].
import { isSecret, UNKNOWN, PropertyMap } from "../values";
import type { Operation, RunEngineResult, Step, StepOp } from "./types";

const SYMBOL: Record<StepOp, string> = { create: "+ ", update: "~ ", replace: "+-", delete: "- ", same: "  " };

export function formatValue(v: unknown): string {
  if (v === undefined) return "undefined";
  if (isSecret(v)) return "[secret]";
  if (v === UNKNOWN) return "[unknown]";
  if (Array.isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  if (typeof v === "object" && v !== null) {
    return `{${Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x)}`).join(", ")}}`;
  }
  return JSON.stringify(v);
}

/** Lists too long for one line (such as `plan`) are shown element by element, as the Pulumi CLI does. */
function isLongList(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && `${formatValue(a)} => ${formatValue(b)}`.length > 100;
}

function formatListChange(olds: unknown[], news: unknown[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < Math.max(olds.length, news.length); i++) {
    const o = formatValue(olds[i]);
    const n = formatValue(news[i]);
    if (i >= olds.length) lines.push(`              + [${i}]: ${n}`);
    else if (i >= news.length) lines.push(`              - [${i}]: ${o}`);
    else if (o !== n) lines.push(`              ~ [${i}]: ${o} => ${n}`);
    else lines.push(`                [${i}]: ${n}`);
  }
  return lines;
}

function formatStep(step: Step): string[] {
  const lines = [`  ${SYMBOL[step.op]} ${step.type.padEnd(52)} ${step.name.padEnd(24)} ${step.op}`];
  if (step.op !== "same" && step.op !== "delete" && step.diffKeys.length > 0) {
    const replace = new Set(step.replaceKeys ?? []);
    const changes = new Map((step.changes ?? []).map((c) => [c.key, c]));
    for (const key of step.diffKeys) {
      const c = changes.get(key);
      const mark = replace.has(key) ? "+-" : "~ ";
      const suffix = replace.has(key) ? " (forces replacement)" : "";
      if (c && isLongList(c.old, c.new)) lines.push(`        ${mark} ${key}: [${suffix}`, ...formatListChange(c.old as unknown[], c.new as unknown[]), "          ]");
      else lines.push(`        ${mark} ${key}: ${c ? `${formatValue(c.old)} => ${formatValue(c.new)}` : "(changed)"}${suffix}`);
    }
  }
  if (step.error) lines.push(`        error: ${step.error}`);
  return lines;
}

export function formatSummary(operation: Operation, stack: string, result: RunEngineResult): string {
  const heading = operation === "preview" ? `Previewing update (${stack}):` : operation === "up" ? `Updating (${stack}):` : `Destroying (${stack}):`;
  const lines = [heading, ""];
  for (const step of result.steps) lines.push(...formatStep(step));
  const outputs = Object.entries(result.outputs as PropertyMap);
  if (outputs.length > 0) {
    lines.push("", "Outputs:");
    for (const [k, v] of outputs) lines.push(`    ${k}: ${formatValue(v)}`);
  }
  const verb = operation === "preview" ? "to " : "";
  const counts = new Map<StepOp, number>();
  for (const s of result.steps) if (!s.error) counts.set(s.op, (counts.get(s.op) ?? 0) + 1);
  const failedSteps = result.steps.filter((s) => s.error).length;
  const past: Record<StepOp, string> = { create: "created", update: "updated", replace: "replaced", delete: "deleted", same: "unchanged" };
  lines.push("", "Resources:");
  for (const op of ["create", "update", "replace", "delete"] as StepOp[]) {
    const n = counts.get(op);
    if (n) lines.push(`    ${SYMBOL[op].trim()} ${n} ${operation === "preview" ? verb + op : past[op]}`);
  }
  if (counts.get("same")) lines.push(`    ${counts.get("same")} unchanged`);
  if (failedSteps) lines.push(`    ${failedSteps} failed`);
  if (result.failed) lines.push("", "error:", ...result.failed.split("\n").map((l) => `    ${l}`));
  return lines.join("\n") + "\n";
}
