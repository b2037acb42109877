// Golden-image rollout in waves: each wave's system disks are replaced only after every
// replacement of the previous wave has finished (dependsOn), so a bad image stops at the first
// wave. Preset for the embedded ECS emulator's demo fleet; set `goldenImageId` and `waves`
// (JSON, e.g. [["i-canary"], ["i-a", "i-b"]]) for your own fleet.
import * as pulumi from "@pulumi/pulumi";
import { SystemDiskReplacement } from "pulumi-alicloud-diskops";

const config = new pulumi.Config();
const imageId = config.get("goldenImageId") ?? "m-ubuntu-24-04";
const waves = config.getObject<string[][]>("waves") ?? [["i-demo-web-1"], ["i-demo-batch-1"]];

let previousWave: SystemDiskReplacement[] = [];
const replaced: pulumi.Output<string>[] = [];
waves.forEach((wave, waveIndex) => {
  const current = wave.map(
    (instanceId) =>
      new SystemDiskReplacement(
        `golden-w${waveIndex + 1}-${instanceId}`,
        {
          instanceId,
          imageId,
          passwordInherit: true,
          // Bring every machine back to the power state it had before.
          powerPolicy: "restore",
          timeouts: { replace: "30m" },
        },
        { dependsOn: previousWave },
      ),
  );
  current.forEach((r) => replaced.push(r.systemDiskId));
  previousWave = current;
});

export const newSystemDisks = replaced;
