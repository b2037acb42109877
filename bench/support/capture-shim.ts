// Prints, as JSON, the `__provider` a DiskRestore stores in state, captured as a program registers
// it (bench/provider-size.ts `capture`). Run as a child process: Pulumi mocks are process-wide.
import { DiskRestore } from "../../provider";
import { capture } from "../provider-size";

capture(() => [new DiskRestore("shim", { disks: [{ diskId: "d-1", snapshotId: "s-1" }] })])
  .then(([reg]) => process.stdout.write(JSON.stringify(reg.provider)))
  .catch((err: Error) => {
    process.stderr.write(`capture-shim: ${err.message}\n`);
    process.exit(1);
  });
