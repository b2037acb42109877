// Injected faults (POST /__emulator/faults): fail, drop, stall, or lose the answer of matching
// calls, either the next Count of them or at random (Probability, repeatable with a Seed).
import { isSeed, mulberry32, randomSeed } from "../model/random";

/** What the fault does; "error" (the default) answers with Code/HttpStatus/Message. */
export type FaultMode = "error" | "reset" | "hang" | "drop-response";
export const FAULT_MODES: readonly FaultMode[] = ["error", "reset", "hang", "drop-response"];

/** A fault as stored, listed and echoed. */
export interface Fault {
  Action?: string;
  /** Absent means "error" (as before Mode existed). */
  Mode?: FaultMode;
  /** Error faults only. */
  Code?: string;
  HttpStatus?: number;
  Message?: string;
  /** Calls still to hit. Absent (only with Probability): until cleared. */
  Count?: number;
  /** Chance (0-1) that a matching call is hit. */
  Probability?: number;
  /** Seed of this fault's random sequence; when not given, the emulator's pick (from --random-seed). */
  Seed?: number;
}

const COMMON_FIELDS = ["Action", "Mode", "Count", "Probability", "Seed"] as const;
const ERROR_FIELDS = ["Code", "HttpStatus", "Message"] as const;
const KNOWN_FIELDS: readonly string[] = [...COMMON_FIELDS, ...ERROR_FIELDS];

export function faultMode(f: Fault): FaultMode {
  return f.Mode ?? "error";
}

interface Entry {
  fault: Fault;
  random?: () => number;
}

export class FaultInjector {
  private entries: Entry[] = [];

  /** @param nextSeed the seed of a random fault that gives none (a stream from --random-seed). */
  constructor(private readonly nextSeed: () => number = randomSeed) {}

  /** Validates the admin payload (all or none); throws an Error naming the field when one is wrong. */
  addAll(inputs: unknown[]): Fault[] {
    const faults = inputs.map((input, i) => {
      try {
        return parseFault(input, this.nextSeed);
      } catch (e) {
        throw new Error(inputs.length > 1 ? `fault ${i + 1}: ${(e as Error).message}` : (e as Error).message);
      }
    });
    for (const fault of faults) this.entries.push({ fault, random: fault.Probability === undefined ? undefined : mulberry32(fault.Seed!) });
    return faults.map((f) => ({ ...f }));
  }

  /**
   * The fault that hits this call, if any: the first matching one that fires (a random fault
   * draws once per matching call), consuming one of its Count.
   */
  take(action: string): Fault | undefined {
    for (const entry of this.entries) {
      const f = entry.fault;
      if (f.Action !== undefined && f.Action !== action) continue;
      if (entry.random && !(entry.random() < f.Probability!)) continue;
      if (f.Count !== undefined) {
        f.Count -= 1;
        if (f.Count <= 0) this.entries = this.entries.filter((e) => e !== entry);
      }
      return { ...f };
    }
    return undefined;
  }

  list(): Fault[] {
    return this.entries.map((e) => ({ ...e.fault }));
  }

  clear(): void {
    this.entries = [];
  }
}

function parseFault(input: unknown, nextSeed: () => number): Fault {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new Error("a fault must be a JSON object");
  const f = input as Record<string, unknown>;
  for (const key of Object.keys(f)) {
    if (!KNOWN_FIELDS.includes(key)) throw new Error(`unknown fault field "${key}"; known fields: ${KNOWN_FIELDS.join(", ")}`);
  }
  if (f.Action !== undefined && (typeof f.Action !== "string" || f.Action === "")) throw new Error("Action must be a non-empty string (an ECS action name)");
  if (f.Mode !== undefined && !FAULT_MODES.includes(f.Mode as FaultMode)) {
    throw new Error(`Mode must be one of ${FAULT_MODES.map((m) => `"${m}"`).join(", ")} (got ${JSON.stringify(f.Mode)})`);
  }
  const mode = (f.Mode ?? "error") as FaultMode;
  if (f.Probability !== undefined && (typeof f.Probability !== "number" || !(f.Probability >= 0 && f.Probability <= 1))) {
    throw new Error("Probability must be a number from 0 to 1");
  }
  if (f.Seed !== undefined && !isSeed(f.Seed)) throw new Error("Seed must be an integer from 0 to 4294967295");
  if (f.Seed !== undefined && f.Probability === undefined) throw new Error("Seed applies only to a fault with Probability");
  if (f.Count !== undefined && (typeof f.Count !== "number" || !Number.isInteger(f.Count) || f.Count < 1)) {
    throw new Error("Count must be a positive integer");
  }

  const fault: Fault = {};
  if (f.Action !== undefined) fault.Action = f.Action as string;
  if (f.Mode !== undefined) fault.Mode = mode;
  if (mode === "error") {
    if (typeof f.Code !== "string" || f.Code === "") throw new Error('Code is required for an error fault (or give Mode "reset", "hang" or "drop-response")');
    if (f.HttpStatus !== undefined && (typeof f.HttpStatus !== "number" || !Number.isInteger(f.HttpStatus) || f.HttpStatus < 400 || f.HttpStatus > 599)) {
      throw new Error("HttpStatus must be an integer from 400 to 599");
    }
    if (f.Message !== undefined && typeof f.Message !== "string") throw new Error("Message must be a string");
    fault.Code = f.Code;
    if (f.HttpStatus !== undefined) fault.HttpStatus = f.HttpStatus as number;
    if (f.Message !== undefined) fault.Message = f.Message as string;
  } else {
    const stray = ERROR_FIELDS.find((k) => f[k] !== undefined);
    if (stray) throw new Error(`${stray} applies only to error faults, not to Mode "${mode}"`);
  }
  // Without Probability a fault hits the next Count calls (default 1); with it, Count (if given)
  // bounds the hits and without Count the fault lasts until cleared.
  if (f.Count !== undefined) fault.Count = f.Count as number;
  else if (f.Probability === undefined) fault.Count = 1;
  if (f.Probability !== undefined) {
    fault.Probability = f.Probability as number;
    fault.Seed = f.Seed !== undefined ? (f.Seed as number) : nextSeed() >>> 0;
  }
  return fault;
}
