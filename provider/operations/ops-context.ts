// What the operations need from the layer below: the ECS API and shared, batched reads.
// The resource logic builds one from logic/context.ts; tests may build their own.
import type { DiskInfo, EcsApi, InstanceInfo } from "../ecs/api";

export interface OpsContext {
  api: EcsApi;
  /** The instance as ECS sees it now (undefined when it does not exist); batched with other callers. */
  readInstance(regionId: string, instanceId: string): Promise<InstanceInfo | undefined>;
  /** The disks as ECS sees them now, by id (missing ids are absent); batched with other callers. */
  readDisks(regionId: string, diskIds: string[]): Promise<Map<string, DiskInfo>>;
  /** ECS's clock (ecs/cloud-time.ts): the time written into and compared with intent records. */
  cloudNow(): number;
}
