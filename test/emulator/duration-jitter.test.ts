// --duration-jitter F with --random-seed N: each simulated duration is multiplied by a seeded
// random factor in [1-F, 1+F], so runs repeat exactly for one seed and differ between seeds.
import { BASE_SECONDS, DEMO_IDS, type EmulatorOptions } from "../../emulator";
import { DurationModel } from "../../emulator/model/durations";
import { $Ecs, sdk, start } from "./support/harness";

const I = DEMO_IDS.instances;
// Time scale 1 so that nothing completes while the durations are read (no wall-clock assertions).
const SCALE = 1;

/** Starts three operations through the SDK and returns their planned durations (real ms). */
async function plannedDurations(opts: EmulatorOptions): Promise<{ kind: string; ms: number }[]> {
  const emu = await start({ timeScale: SCALE, ...opts });
  try {
    const ecs = sdk(emu);
    const seeded = new Set(emu.cloud.transitions.map((t) => t.Id));
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: I.web }));
    await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: I.windows }));
    await ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: DEMO_IDS.disks.batchSystem, snapshotId: DEMO_IDS.snapshots.batchSystem }));
    return emu.cloud.transitions
      .filter((t) => !seeded.has(t.Id))
      .sort((a, b) => a.Id - b.Id)
      .map((t) => ({ kind: t.Kind, ms: t.DueAt - t.StartedAt }));
  } finally {
    await emu.close();
  }
}

const BASE_MS: Record<string, number> = { InstanceStop: BASE_SECONDS.stop * 1000 * SCALE, DiskReset: BASE_SECONDS.reset * 1000 * SCALE };

test("with a seed, jittered durations repeat exactly, stay within [1-F, 1+F] and vary", async () => {
  const F = 0.3;
  const first = await plannedDurations({ durationJitter: F, randomSeed: 42 });
  const again = await plannedDurations({ durationJitter: F, randomSeed: 42 });
  expect(first.map((d) => d.kind)).toEqual(["InstanceStop", "InstanceStop", "DiskReset"]);
  expect(again).toEqual(first);
  const factors = first.map((d) => d.ms / BASE_MS[d.kind]);
  for (const f of factors) {
    expect(f).toBeGreaterThanOrEqual(1 - F);
    expect(f).toBeLessThanOrEqual(1 + F);
  }
  expect(new Set(factors.map((f) => f.toFixed(6))).size).toBe(3); // really random, not one factor
  expect(factors.some((f) => Math.abs(f - 1) > 0.001)).toBe(true);

  const otherSeed = await plannedDurations({ durationJitter: F, randomSeed: 43 });
  expect(otherSeed.map((d) => d.ms)).not.toEqual(first.map((d) => d.ms));
});

test("without jitter every duration is exactly base x time scale", async () => {
  const exact = await plannedDurations({ randomSeed: 42 });
  expect(exact.map((d) => d.ms)).toEqual(exact.map((d) => BASE_MS[d.kind]));
});

test("the seed of a run is reported, so a run without --random-seed can be repeated", async () => {
  const emu = await start();
  const seed = emu.randomSeed;
  await emu.close();
  expect(Number.isInteger(seed)).toBe(true);
  const a = await plannedDurations({ durationJitter: 0.5, randomSeed: seed });
  const b = await plannedDurations({ durationJitter: 0.5, randomSeed: seed });
  expect(b).toEqual(a);
});

test("jitter outside [0, 1) is refused, naming the option", async () => {
  expect(() => new DurationModel(1, 1)).toThrow(/durationJitter \(--duration-jitter\)/);
  await expect(start({ durationJitter: -0.1 })).rejects.toThrow(/durationJitter/);
  await expect(start({ randomSeed: 1.5 })).rejects.toThrow(/randomSeed/);
});
