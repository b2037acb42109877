// Shared by the lifecycle tests: the in-process providers, demo fleet ids, a stand-in for the
// serialized provider string, and a helper that returns the error a promise rejects with.
import { DEMO_IDS } from "../../emulator/demo-fleet";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { provider } = require("../../provider/implementation");
export const dr = () => provider("DiskRestore");
export const sdr = () => provider("SystemDiskReplacement");

export const I = DEMO_IDS.instances;
export const D = DEMO_IDS.disks;
export const S = DEMO_IDS.snapshots;
export const M = DEMO_IDS.images;
/** The demo web server's data disks, each with its own snapshot. */
export const web1 = { diskId: D.webData1, snapshotId: S.webData1 };
export const web2 = { diskId: D.webData2, snapshotId: S.webData2 };
/** What the engine would send as `__provider` (partial state must carry it back). */
export const PROVIDER = "exports.handler = () => ({}) /* shim stand-in */";

/** The error `promise` rejects with; fails the test when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}
