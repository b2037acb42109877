// What every action handler receives, and how actions are declared.
import type { Cloud } from "../model/cloud";
import type { Params } from "../protocol/params";

export interface ActionContext {
  action: string;
  cloud: Cloud;
  params: Params;
  requestId: string;
  accessKeyId: string;
}

export interface ActionDef {
  /** Changes the cloud (persist after success). */
  mutates: boolean;
  handle(ctx: ActionContext): Record<string, unknown>;
}
