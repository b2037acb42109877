// Small formatting helpers shared by the trace and the oracle's messages.

/** "+1:02:03.456" from the run's start. */
export function fmtAt(ms: number, epoch: number): string {
  const d = Math.max(0, ms - epoch);
  const h = Math.floor(d / 3_600_000);
  const m = Math.floor((d % 3_600_000) / 60_000);
  const s = Math.floor((d % 60_000) / 1000);
  const milli = d % 1000;
  const two = (n: number) => String(n).padStart(2, "0");
  return `+${h}:${two(m)}:${two(s)}.${String(milli).padStart(3, "0")}`;
}

/** "12m30s", "850ms". */
export function fmtDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return [h ? `${h}h` : "", m ? `${m}m` : "", r || (!h && !m) ? `${r}s` : ""].join("");
}
