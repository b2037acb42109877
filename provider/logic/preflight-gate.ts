// create/update re-run preflight (unless preflight: false) before stopping anything: a problem
// found here fails the run with nothing touched.
import { preflightError } from "./apply-common";
import { preflightDiskRestore } from "./preflight-disk-restore";
import { preflightSystemDiskReplacement } from "./preflight-system-disk-replacement";

const PREFLIGHTS = {
  DiskRestore: preflightDiskRestore,
  SystemDiskReplacement: preflightSystemDiskReplacement,
} as const;

/** Throws when preflight finds problems; returns what it learned (e.g. regionId) otherwise. */
export async function runPreflight(kind: keyof typeof PREFLIGHTS, inputs: any): Promise<{ regionId?: string } | undefined> {
  if (inputs.preflight === false) return undefined;
  const result = await PREFLIGHTS[kind](inputs);
  if (result.failures.length) throw preflightError(kind, result.failures);
  return result.facts;
}
