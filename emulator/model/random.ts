// Seeded randomness, so a run with --random-seed N can be repeated exactly (duration jitter,
// random faults). mulberry32: tiny, fast, and good enough for simulation (not for secrets).

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An independent stream per purpose from one seed, so that posting a fault never shifts the
 * duration sequence and vice versa (FNV-1a of the label mixed into the seed).
 */
export function seededStream(seed: number, purpose: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193);
  return mulberry32((seed ^ h) >>> 0);
}

/** A fresh 32-bit seed when the user gave none (reported, so the run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}

export function isSeed(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 4294967295;
}
