// Runs every conformance case, in order, through one Node client against a fresh emulator (demo
// fleet, time scale 0: operations complete by the next call), one jest test per case.
import type { RunningEmulator } from "../../../emulator";
import { start } from "../../emulator/support/harness";
import { checkAnswer, loadSpec, substitute } from "./cases";
import { compareWithModel } from "./model-check";
import type { NodeClient } from "./node-clients";

export function describeConformance(makeClient: (port: number) => NodeClient): void {
  const spec = loadSpec();
  let emu: RunningEmulator;
  let client: NodeClient;
  const saved: Record<string, string> = {};

  beforeAll(async () => {
    emu = await start({ timeScale: 0 });
    client = makeClient(emu.port);
  });
  afterAll(() => emu.close());

  test.each(spec.cases.map((c, i) => [`${i + 1}. ${c.action}: ${c.name}`, c] as const))("%s", async (_, c) => {
    const outcome = await client.call(c.action, substitute(c.params, saved));
    if (c.error) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect({ code: outcome.code, httpStatus: outcome.httpStatus }).toEqual({ code: c.error.Code, httpStatus: c.error.HttpStatus });
      expect(outcome.requestId).toMatch(/^[0-9A-F-]{36}$/);
      return;
    }
    if (!outcome.ok) throw new Error(`${client.name} ${c.action} failed: ${outcome.code} (${outcome.httpStatus}) ${outcome.message}`);
    expect(compareWithModel(c.action, outcome.body, spec.optionalFields[c.action])).toEqual([]);
    expect(checkAnswer(c, outcome.body, saved)).toEqual([]);
  });
}
