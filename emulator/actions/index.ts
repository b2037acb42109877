// The action registry: one entry per supported ECS action.
import type { ActionDef } from "./context";
import { DISK_ACTIONS } from "./disks";
import { IMAGE_ACTIONS } from "./images";
import { INSTANCE_STATUS_ACTIONS } from "./instance-status";
import { INSTANCE_ACTIONS } from "./instances";
import { KEY_PAIR_ACTIONS } from "./key-pairs";
import { REGION_ACTIONS } from "./regions";
import { SNAPSHOT_ACTIONS } from "./snapshots";
import { SYSTEM_DISK_ACTIONS } from "./system-disk";
import { TAG_ACTIONS } from "./tags";

export type { ActionContext, ActionDef } from "./context";

export const ACTIONS: Record<string, ActionDef> = {
  ...INSTANCE_ACTIONS,
  ...INSTANCE_STATUS_ACTIONS,
  ...DISK_ACTIONS,
  ...SYSTEM_DISK_ACTIONS,
  ...SNAPSHOT_ACTIONS,
  ...IMAGE_ACTIONS,
  ...KEY_PAIR_ACTIONS,
  ...REGION_ACTIONS,
  ...TAG_ACTIONS,
};

export type ActionName =
  | "ResetDisk" | "ResetDisks" | "ReplaceSystemDisk"
  | "StopInstance" | "StopInstances" | "StartInstance" | "StartInstances"
  | "DescribeInstances" | "DescribeInstanceStatus" | "DescribeDisks" | "DescribeSnapshots" | "DescribeImages" | "DescribeKeyPairs" | "DescribeRegions"
  | "CreateSnapshot" | "DeleteSnapshot" | "CreateImage" | "TagResources" | "UntagResources" | "ListTagResources";
