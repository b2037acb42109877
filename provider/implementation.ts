// Entry point the serialized shim loads at call time (by package name, from the installed package).
// Owned by the resource-logic layer; the shim only calls these.
import type * as pulumi from "@pulumi/pulumi";

export type ResourceKind = "DiskRestore" | "SystemDiskReplacement";

/** Called from the shim's configure(): stack config (e.g. "alicloud:region"), secrets unwrapped. */
export function configure(config: Record<string, string>): void {
  require("./common/context").setStackConfig(config);
}

export function provider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  switch (kind) {
    case "DiskRestore":
      return require("./disk-restore/provider").diskRestoreProvider;
    case "SystemDiskReplacement":
      return require("./system-disk-replacement/provider").systemDiskReplacementProvider;
    default:
      throw new Error(`unknown resource kind ${String(kind)}`);
  }
}
