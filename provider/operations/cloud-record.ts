// Reads and writes the intent record (intent-record.ts) on one instance through the ECS tag
// actions. Tagging denied by RAM turns the record off for this instance: the operation still runs,
// as it did before records existed, and says it is not crash-safe.
import { EcsError } from "../ecs/errors";
import { errorMessage } from "./errors";
import { readIntentTags, type IntentTags } from "./intent-record";
import type { OpsContext } from "./ops-context";

/** Codes ECS (and RAM) answer when the caller may not use an action. */
const DENIED = /^(Forbidden(\..*)?|NoPermission(\..*)?|NotAuthorized.*|InvalidAccessKeyId\.Inactive)$/;

export function isPermissionDenied(err: unknown): boolean {
  return err instanceof EcsError && (DENIED.test(err.code) || (err.httpStatus === 403 && /permission|not authori[sz]ed/i.test(err.detail)));
}

export const NOT_CRASH_SAFE =
  "ECS tag actions (ecs:TagResources, ecs:UntagResources, ecs:ListTagResources) are denied, so the operation keeps its " +
  "intent only in this process: it runs, but is not crash-safe (a re-run after a crash cannot restore the power state " +
  "found before the stop) and does not coordinate with other stacks on the same instance. Grant the tag actions (README, RAM permissions).";

/**
 * Read-only probe for preview: the warning to show when the tag actions are denied (the apply
 * would run without a record), else undefined. Other errors are left to the apply.
 */
export async function probeTagging(ctx: Pick<OpsContext, "api">, regionId: string, instanceId: string): Promise<string | undefined> {
  try {
    await ctx.api.listTagResources(regionId, "instance", instanceId);
    return undefined;
  } catch (err) {
    return isPermissionDenied(err) ? `instance ${instanceId}: ${NOT_CRASH_SAFE} (${errorMessage(err)})` : undefined;
  }
}

export class CloudRecord {
  /** False once tagging was denied: nothing is read or written any more. */
  enabled = true;
  /** Why the record is off, when it is. */
  disabledReason?: string;

  constructor(
    private readonly ctx: OpsContext,
    readonly regionId: string,
    readonly instanceId: string,
  ) {}

  /** Our records on the instance now; undefined when tagging is denied. */
  async read(): Promise<IntentTags | undefined> {
    if (!this.enabled) return undefined;
    try {
      return readIntentTags(await this.ctx.api.listTagResources(this.regionId, "instance", this.instanceId));
    } catch (err) {
      if (this.deny(err)) return undefined;
      throw err;
    }
  }

  /** Sets tags; false when tagging is denied (the caller carries on without a record). */
  async write(tags: Record<string, string>): Promise<boolean> {
    if (!this.enabled || Object.keys(tags).length === 0) return this.enabled;
    try {
      await this.ctx.api.tagResources(this.regionId, "instance", this.instanceId, tags);
      return true;
    } catch (err) {
      if (this.deny(err)) return false;
      throw err;
    }
  }

  /** Removes tag keys; never throws (power is already settled when this runs): returns the failure. */
  async remove(keys: string[]): Promise<string | undefined> {
    if (!this.enabled || keys.length === 0) return undefined;
    try {
      for (let i = 0; i < keys.length; i += 20) {
        await this.ctx.api.untagResources(this.regionId, "instance", this.instanceId, keys.slice(i, i + 20));
      }
      return undefined;
    } catch (err) {
      if (this.deny(err)) return undefined;
      return `removing the intent record (tags ${keys.join(", ")}) from ${this.instanceId} failed: ${errorMessage(err)}`;
    }
  }

  private deny(err: unknown): boolean {
    if (!isPermissionDenied(err)) return false;
    this.enabled = false;
    this.disabledReason = `${NOT_CRASH_SAFE} (${errorMessage(err)})`;
    return true;
  }
}
