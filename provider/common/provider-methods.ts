// The provider object of one resource kind, assembled from the preview side (check/diff/read)
// and the apply side (create/update/delete).
import type * as pulumi from "@pulumi/pulumi";
import { newResourceId } from "./apply";
import { type Changes, touchesCloud } from "./changes";
import { isIncomplete, withNewSettings } from "./outputs";

export interface KindSpec {
  kind: string;
  idPrefix: string;
  check: (olds: any, news: any) => Promise<pulumi.dynamic.CheckResult>;
  diff: (id: string, olds: any, news: any) => Promise<pulumi.dynamic.DiffResult>;
  read: (id: string, props: any) => Promise<pulumi.dynamic.ReadResult>;
  changes: (olds: Record<string, any>, news: Record<string, any>) => Changes;
  /** Every input key (the change table's keys). */
  inputKeys: readonly string[];
  /** The target the id names (instance or first disk). */
  target: (inputs: Record<string, any>) => string;
  apply: (id: string, inputs: any, request: Record<string, unknown>, olds?: Record<string, any>) => Promise<object>;
}

export function buildProvider(spec: KindSpec): pulumi.dynamic.ResourceProvider {
  return {
    check: (olds: any, news: any) => spec.check(olds, news),

    async diff(id: string, olds: any, news: any) {
      const result = await spec.diff(id, olds, news);
      // A state recorded after a failure must be finished by the next up, even with equal inputs.
      return isIncomplete(olds) ? { ...result, changes: true } : result;
    },

    read: (id: string, props: any) => spec.read(id, props),

    async create(inputs: any) {
      const id = newResourceId(spec.idPrefix, spec.target(inputs));
      const outs = await spec.apply(id, inputs, inputs);
      return { id, outs };
    },

    async update(id: string, olds: any, news: any) {
      // Only settings changed (timeouts, powerPolicy, ...): record them, touch nothing in the cloud.
      if (!isIncomplete(olds) && !touchesCloud(spec.changes(olds, news))) {
        return { outs: withNewSettings(olds, news, spec.inputKeys) };
      }
      return { outs: await spec.apply(id, news, news, olds) };
    },

    // Removing the resource from the stack touches nothing in the cloud: a rollback or a
    // replaced system disk cannot be undone, and the disks/instance belong to someone else.
    async delete() {},
  };
}
