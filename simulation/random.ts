// Seeded randomness for the simulator: one independent stream per purpose from the run's seed, so
// a seed replays exactly, and drawing more of one thing (a scenario detail) never shifts another
// (the network's faults). Built on the emulator's mulberry32 streams.
import { seededStream } from "../emulator/model/random";

export class Rng {
  constructor(private readonly next: () => number) {}

  static stream(seed: number, purpose: string): Rng {
    return new Rng(seededStream(seed >>> 0, purpose));
  }

  /** [0, 1) */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** One of the choices, with probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** Random bytes (for the emulator's ids). */
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }

  /** The generator as a Math.random replacement. */
  asFunction(): () => number {
    return this.next;
  }
}
