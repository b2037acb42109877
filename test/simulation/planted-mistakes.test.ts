// The simulator proves it can find bugs: each known protocol mistake (plants.ts), planted into the
// real code, makes some seed of the CI range report a violation that no known finding explains.
import { runSeed } from "../../simulation/run";
import { atLowPriority, CI_SEEDS, newViolations } from "./sweep";
import { PLANTS } from "./plants";

jest.setTimeout(900_000);

describe.each(PLANTS.map((p) => [p.name, p] as const))("planted mistake: %s", (_name, plant) => {
  test(`is reported within the ${CI_SEEDS} CI seeds (${plant.mistake})`, async () => {
    const undo = plant.plant();
    let found: string | undefined;
    try {
      await atLowPriority(async () => {
        for (let seed = 1; seed <= CI_SEEDS && !found; seed++) found = newViolations(await runSeed(seed))[0];
      });
    } finally {
      undo();
    }
    expect(found).toBeDefined();
    process.stdout.write(`${plant.name}: ${found?.split("\n")[0].slice(0, 240)}\n`);
  });
});
