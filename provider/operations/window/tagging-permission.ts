// Tagging denied by RAM turns the intent record off: the operation still runs, as it did before
// records existed, and says it is not crash-safe. Preview says so too, from one read-only probe
// (ListTagResources) per region and process, not one per resource.
import type { EcsApi } from "../../ecs/api";
import { EcsError } from "../../ecs/errors";
import { errorMessage } from "../errors";

/** Codes ECS (and RAM) answer when the caller may not use an action. */
const DENIED = /^(Forbidden(\..*)?|NoPermission(\..*)?|NotAuthorized.*|InvalidAccessKeyId\.Inactive)$/;

export function isPermissionDenied(err: unknown): boolean {
  return err instanceof EcsError && (DENIED.test(err.code) || (err.httpStatus === 403 && /permission|not authori[sz]ed/i.test(err.detail)));
}

export const NOT_CRASH_SAFE =
  "ECS tag actions (ecs:TagResources, ecs:UntagResources, ecs:ListTagResources) are denied, so the operation keeps its " +
  "intent only in this process: it runs, but is not crash-safe (a re-run after a crash cannot restore the power state " +
  "found before the stop) and does not coordinate with other stacks on the same instance. Grant the tag actions (RAM permissions).";

/** Per EcsApi (one per process): the probe per region, shared by every resource that asks. */
const probes = new WeakMap<object, Map<string, Promise<string | undefined>>>();

/**
 * Read-only probe for preview: the warning to show when the tag actions are denied (the apply
 * would run without a record), else undefined. Other errors are left to the apply. One
 * ListTagResources per region per process, on the first instance asked about.
 */
export function probeTagging(api: Pick<EcsApi, "listTagResources">, regionId: string, instanceId: string): Promise<string | undefined> {
  let byRegion = probes.get(api);
  if (!byRegion) {
    byRegion = new Map();
    probes.set(api, byRegion);
  }
  let probe = byRegion.get(regionId);
  if (!probe) {
    probe = api.listTagResources(regionId, "instance", instanceId).then(
      () => undefined,
      (err) => (isPermissionDenied(err) ? `${NOT_CRASH_SAFE} (${errorMessage(err)})` : undefined),
    );
    byRegion.set(regionId, probe);
  }
  return probe;
}
