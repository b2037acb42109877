// The oracle: what must hold after every run, judged from the recorded history (who called what,
// when, and how each attempt ended) and the cloud as it ended. It knows the protocol only by its
// outcomes and the `diskops:` tag prefix, never by its record format, so it judges any version.
import type { Cloud } from "../../emulator/model/cloud";
import type { CallRecord, ChainRecord } from "../history";
import type { Scenario } from "../scenario";
import { checkDeadlines } from "./deadlines";
import { checkDisks } from "./disks";
import { checkErrors } from "./errors";
import { checkPower } from "./power";
import { checkReplacements } from "./replacements";
import { checkTags } from "./tags";

export type Invariant = "power" | "disks" | "replacement" | "deadline" | "hang" | "tags" | "clear-error";

export interface Violation {
  invariant: Invariant;
  message: string;
}

export interface RunFacts {
  scenario: Scenario;
  chains: ChainRecord[];
  calls: CallRecord[];
  cloud: Cloud;
  /** The run stopped with participants still running (past every deadline, or nothing left to wait for). */
  hung: boolean;
  now: number;
}

export function judge(facts: RunFacts): Violation[] {
  return [
    ...checkDeadlines(facts),
    ...(facts.hung ? [] : [...checkPower(facts), ...checkTags(facts)]),
    ...checkDisks(facts),
    ...checkReplacements(facts),
    ...checkErrors(facts),
  ];
}

/** A chain's first start and last end (true time). */
export function span(chain: ChainRecord): { start: number; end: number } {
  const first = chain.attempts[0];
  const last = chain.attempts[chain.attempts.length - 1];
  return { start: first?.start ?? Infinity, end: last?.end ?? Infinity };
}
