// What every benchmark hands back: tables (printed as they fill, then written to RESULTS.md),
// the method in words, notes, and the few figures the summary and the README quote.

export type Cell = string | number;

export interface Table {
  title?: string;
  columns: string[];
  rows: Cell[][];
}

export interface BenchResult {
  /** Short id, e.g. "throughput". */
  id: string;
  title: string;
  /** How it was measured, one paragraph. */
  method: string;
  tables: Table[];
  notes: string[];
  /** One-line figures for the summary and the README. */
  headline: string[];
  /** Raw numbers behind the tables, for callers of the benchmark function. */
  data: Record<string, unknown>;
}

/** Starts a table on the console: prints the header now, and each row as it is added. */
export class LiveTable implements Table {
  readonly rows: Cell[][] = [];

  constructor(
    readonly columns: string[],
    readonly title?: string,
  ) {
    if (title) console.log(`  ${title}`);
    console.log(`  | ${columns.join(" | ")} |`);
  }

  add(row: Cell[]): void {
    this.rows.push(row);
    console.log(`  | ${row.map(cell).join(" | ")} |`);
  }
}

export function cell(value: Cell): string {
  return typeof value === "number" ? formatNumber(value) : value;
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** Figures, ranges ("26–28"), ratios ("1.5x") and counts ("3 x 2000", "6000/6000") align right. */
function isFigure(value: Cell): boolean {
  return typeof value === "number" || /^[\d.,–/x\s-]+$/.test(value);
}

export function markdownTable(table: Table): string {
  const right = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((r) => isFigure(r[i])));
  const lines = [
    `| ${table.columns.join(" | ")} |`,
    `| ${right.map((r) => (r ? "---:" : "---")).join(" | ")} |`,
    ...table.rows.map((r) => `| ${r.map((c) => cell(c).replace(/\|/g, "\\|")).join(" | ")} |`),
  ];
  return (table.title ? `**${table.title}**\n\n` : "") + lines.join("\n");
}
