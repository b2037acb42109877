// Small statistics over samples (milliseconds).

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

export function range(samples: number[]): string {
  if (samples.length === 0) return "-";
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return min === max ? String(min) : `${min}–${max}`;
}

/** Milliseconds since `start` (from performance.now()). */
export function elapsedMs(start: number): number {
  return performance.now() - start;
}
