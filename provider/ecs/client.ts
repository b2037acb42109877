// createEcsApi: EcsApi over the official SDK (@alicloud/ecs20140526 7.x). SDK clients are made
// lazily, one per region, inside the provider process; every call goes through withRetry.
import type EcsClient from "@alicloud/ecs20140526";
import type * as Ecs from "@alicloud/ecs20140526";
import type {
  CreateImageParams,
  CreateSnapshotParams,
  DiskInfo,
  EcsApi,
  ImageInfo,
  InstanceInfo,
  KeyPairInfo,
  ReplaceSystemDiskParams,
  RequestResult,
  ResetDisksItemResult,
  SnapshotFilter,
  SnapshotInfo,
  StopOptions,
  TaggableResourceType,
} from "./api";
import { type BudgetEvent, type BudgetShape, CallBudgets, DEFAULT_BUDGET } from "./call-budget";
import { EcsError } from "./errors";
import { toDiskInfo, toImageInfo, toInstanceInfo, toKeyPairInfo, toResetDisksResults, toSnapshotInfo } from "./mappers";
import { chunk, collectPages, MAX_IDS_PER_CALL, Page, uniqueIds } from "./paging";
import { AttemptEvent, withRetry } from "./retry";
import { CloudClock, dateHeaderOf } from "./cloud-time";
import { now as clockNow } from "./process-scope";
import type { EcsSettings } from "./settings";
import { type EcsTransport, routeThroughTransport } from "./transport";
import { envInt, type RetryPolicy } from "./timing";

export interface EcsCallEvent extends AttemptEvent {}

export interface EcsApiOptions {
  retry?: Partial<RetryPolicy>;
  /** Per-request read timeout (SDK default 3 s is short for a loaded gateway). */
  readTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Called after every HTTP attempt; carries no request parameters, so nothing secret. */
  onCall?: (event: EcsCallEvent) => void;
  /** Pacing of calls per region + action (default DEFAULT_BUDGET). */
  budget?: BudgetShape;
  /** Told about every throttled answer the budget absorbed. */
  onBudgetEvent?: (event: BudgetEvent) => void;
  /** Carries the SDK's requests instead of HTTP (transport.ts); the simulator's in-process cloud. */
  transport?: EcsTransport;
}

const DEFAULT_READ_TIMEOUT_MS = 10000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
/** Used for calls that carry no region when nothing better is known. */
const CENTRAL_ENDPOINT = "ecs.aliyuncs.com";
/** DescribeImages returns only Available images unless told otherwise. */
const ALL_IMAGE_STATUSES = "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated";

type SdkModule = typeof Ecs;

export function createEcsApi(settings: EcsSettings, options: EcsApiOptions = {}): EcsApi {
  return new SdkEcsApi(settings, options);
}

class SdkEcsApi implements EcsApi {
  private readonly clients = new Map<string, EcsClient>();
  /** Region of every instance/disk seen in a Describe call: per-resource actions carry no RegionId. */
  private readonly regionOf = new Map<string, string>();
  private sdkModule?: SdkModule;
  /** Pacing per region + action, shared by every caller of this EcsApi (call-budget.ts). */
  private readonly budgets: CallBudgets;
  private readonly cloudClock = new CloudClock();

  constructor(
    private readonly settings: EcsSettings,
    private readonly options: EcsApiOptions,
  ) {
    this.budgets = new CallBudgets(options.budget ?? DEFAULT_BUDGET, options.onBudgetEvent);
  }

  async describeInstances(regionId: string, instanceIds: string[]): Promise<InstanceInfo[]> {
    const out: InstanceInfo[] = [];
    for (const ids of chunk(uniqueIds(instanceIds))) {
      const items = await this.pages("DescribeInstances", regionId, async (client, m, pageNumber) => {
        const res = await client.describeInstances(
          new m.DescribeInstancesRequest({ regionId, instanceIds: JSON.stringify(ids), pageNumber, pageSize: MAX_IDS_PER_CALL }),
        );
        return { page: { items: res.body?.instances?.instance ?? [], totalCount: res.body?.totalCount }, res };
      });
      out.push(...items.map((i) => toInstanceInfo(i, regionId)));
    }
    out.forEach((i) => this.regionOf.set(i.instanceId, i.regionId));
    return out;
  }

  async describeDisks(regionId: string, filter: { diskIds?: string[]; instanceId?: string }): Promise<DiskInfo[]> {
    const idChunks = filter.diskIds === undefined ? [undefined] : chunk(uniqueIds(filter.diskIds));
    const out: DiskInfo[] = [];
    for (const ids of idChunks) {
      const items = await this.pages("DescribeDisks", regionId, async (client, m, pageNumber) => {
        const res = await client.describeDisks(
          new m.DescribeDisksRequest({
            regionId,
            diskIds: ids && JSON.stringify(ids),
            instanceId: filter.instanceId,
            pageNumber,
            pageSize: MAX_IDS_PER_CALL,
          }),
        );
        return { page: { items: res.body?.disks?.disk ?? [], totalCount: res.body?.totalCount }, res };
      });
      out.push(...items.map((d) => toDiskInfo(d, regionId)));
    }
    for (const d of out) {
      this.regionOf.set(d.diskId, d.regionId);
      if (d.instanceId) this.regionOf.set(d.instanceId, d.regionId);
    }
    return out;
  }

  async describeSnapshots(regionId: string, snapshotIds: string[], filter: { status?: string } = {}): Promise<SnapshotInfo[]> {
    const out: SnapshotInfo[] = [];
    const unique = uniqueIds(snapshotIds);
    // No ids + a status: the whole region in that status.
    const idChunks: (string[] | undefined)[] = unique.length === 0 && filter.status ? [undefined] : chunk(unique);
    for (const ids of idChunks) {
      const items = await this.pages("DescribeSnapshots", regionId, async (client, m, pageNumber) => {
        const res = await client.describeSnapshots(
          new m.DescribeSnapshotsRequest({
            regionId,
            snapshotIds: ids && JSON.stringify(ids),
            status: filter.status,
            pageNumber,
            pageSize: MAX_IDS_PER_CALL,
          }),
        );
        return { page: { items: res.body?.snapshots?.snapshot ?? [], totalCount: res.body?.totalCount }, res };
      });
      out.push(...items.map((s) => toSnapshotInfo(s, regionId)));
    }
    return out;
  }

  async findSnapshots(regionId: string, filter: SnapshotFilter): Promise<SnapshotInfo[]> {
    const items = await this.pages("DescribeSnapshots", regionId, async (client, m, pageNumber) => {
      const res = await client.describeSnapshots(
        new m.DescribeSnapshotsRequest({
          regionId,
          diskId: filter.diskId,
          status: filter.status,
          snapshotType: filter.snapshotType,
          tag: tagList(filter.tags, (key, value) => new m.DescribeSnapshotsRequestTag({ key, value })),
          pageNumber,
          pageSize: MAX_IDS_PER_CALL,
        }),
      );
      return { page: { items: res.body?.snapshots?.snapshot ?? [], totalCount: res.body?.totalCount }, res };
    });
    return items.map((s) => toSnapshotInfo(s, regionId));
  }

  async describeImage(regionId: string, imageId: string): Promise<ImageInfo | undefined> {
    // Marketplace images (m-...) are only listed when asked for by owner alias.
    const owners = imageId.startsWith("m-") ? [undefined, "marketplace"] : [undefined];
    for (const imageOwnerAlias of owners) {
      const res = await this.call("DescribeImages", regionId, (client, m) =>
        client.describeImages(new m.DescribeImagesRequest({ regionId, imageId, imageOwnerAlias, status: ALL_IMAGE_STATUSES })),
      );
      const image = (res.body?.images?.image ?? []).find((i) => i.imageId === imageId);
      if (image) return toImageInfo(image, regionId);
    }
    return undefined;
  }

  async describeKeyPair(regionId: string, keyPairName: string): Promise<KeyPairInfo | undefined> {
    const res = await this.call("DescribeKeyPairs", regionId, (client, m) =>
      client.describeKeyPairs(new m.DescribeKeyPairsRequest({ regionId, keyPairName, pageSize: 50 })),
    );
    // KeyPairName accepts wildcards: only an exact match counts.
    const pair = (res.body?.keyPairs?.keyPair ?? []).find((k) => k.keyPairName === keyPairName);
    return pair && toKeyPairInfo(pair);
  }

  async describeRegions(): Promise<string[]> {
    const res = await this.call("DescribeRegions", this.settings.regionId, (client, m) =>
      client.describeRegions(new m.DescribeRegionsRequest({})),
    );
    return (res.body?.regions?.region ?? []).map((r) => r.regionId ?? "").filter((id) => id !== "");
  }

  stopInstance(instanceId: string, opts: StopOptions = {}): Promise<RequestResult> {
    return this.action("StopInstance", instanceId, opts.dryRun, (client, m) =>
      client.stopInstance(
        new m.StopInstanceRequest({ instanceId, forceStop: opts.forceStop, stoppedMode: opts.stoppedMode, dryRun: opts.dryRun }),
      ),
    );
  }

  startInstance(instanceId: string, opts: { dryRun?: boolean } = {}): Promise<RequestResult> {
    return this.action("StartInstance", instanceId, opts.dryRun, (client, m) =>
      client.startInstance(new m.StartInstanceRequest({ instanceId, dryRun: opts.dryRun })),
    );
  }

  resetDisk(diskId: string, snapshotId: string, opts: { dryRun?: boolean } = {}): Promise<RequestResult> {
    return this.action("ResetDisk", diskId, opts.dryRun, (client, m) =>
      client.resetDisk(new m.ResetDiskRequest({ diskId, snapshotId, dryRun: opts.dryRun })),
    );
  }

  async resetDisks(
    regionId: string,
    disks: { diskId: string; snapshotId: string }[],
    opts: { dryRun?: boolean } = {},
  ): Promise<RequestResult & { results: ResetDisksItemResult[] }> {
    try {
      const res = await this.call("ResetDisks", regionId, (client, m) =>
        client.resetDisks(
          new m.ResetDisksRequest({
            regionId,
            disk: disks.map((d) => new m.ResetDisksRequestDisk({ diskId: d.diskId, snapshotId: d.snapshotId })),
            dryRun: opts.dryRun,
          }),
        ),
      );
      return {
        requestId: res.body?.requestId ?? "",
        results: toResetDisksResults(disks, res.body?.operationProgressSet?.operationProgress),
      };
    } catch (err) {
      const passed = dryRunPassed(err, opts.dryRun);
      if (passed) return { ...passed, results: disks.map((d) => ({ ...d, status: "DryRunPassed" })) };
      throw err;
    }
  }

  async replaceSystemDisk(p: ReplaceSystemDiskParams): Promise<RequestResult & { diskId: string }> {
    const res = await this.call("ReplaceSystemDisk", this.regionFor(p.instanceId), (client, m) =>
      client.replaceSystemDisk(
        new m.ReplaceSystemDiskRequest({
          instanceId: p.instanceId,
          imageId: p.imageId,
          systemDisk: p.systemDiskSize === undefined ? undefined : new m.ReplaceSystemDiskRequestSystemDisk({ size: p.systemDiskSize }),
          password: p.password,
          passwordInherit: p.passwordInherit,
          keyPairName: p.keyPairName,
          encrypted: p.encrypted,
          KMSKeyId: p.kmsKeyId,
          securityEnhancementStrategy: p.securityEnhancementStrategy,
          useAdditionalService: p.useAdditionalService,
          clientToken: p.clientToken,
        }),
      ),
    );
    return { requestId: res.body?.requestId ?? "", diskId: res.body?.diskId ?? "" };
  }

  async createSnapshot(p: CreateSnapshotParams): Promise<RequestResult & { snapshotId: string }> {
    // Safe to retry: the ClientToken makes ECS answer a repeated request with the first snapshot.
    const res = await this.call("CreateSnapshot", this.regionFor(p.diskId), (client, m) =>
      client.createSnapshot(
        new m.CreateSnapshotRequest({
          diskId: p.diskId,
          snapshotName: p.snapshotName,
          description: p.description,
          retentionDays: p.retentionDays,
          clientToken: p.clientToken,
          tag: tagList(p.tags, (key, value) => new m.CreateSnapshotRequestTag({ key, value })),
        }),
      ),
    );
    return { requestId: res.body?.requestId ?? "", snapshotId: res.body?.snapshotId ?? "" };
  }

  async createImage(p: CreateImageParams): Promise<RequestResult & { imageId: string }> {
    const res = await this.call("CreateImage", p.regionId, (client, m) =>
      client.createImage(
        new m.CreateImageRequest({
          regionId: p.regionId,
          snapshotId: p.snapshotId,
          imageName: p.imageName,
          description: p.description,
          clientToken: p.clientToken,
          tag: tagList(p.tags, (key, value) => new m.CreateImageRequestTag({ key, value })),
        }),
      ),
    );
    return { requestId: res.body?.requestId ?? "", imageId: res.body?.imageId ?? "" };
  }

  async tagResources(regionId: string, type: TaggableResourceType, resourceIds: string | string[], tags: Record<string, string>): Promise<RequestResult> {
    const res = await this.call("TagResources", regionId, (client, m) =>
      client.tagResources(
        new m.TagResourcesRequest({
          regionId,
          resourceType: type,
          resourceId: typeof resourceIds === "string" ? [resourceIds] : resourceIds,
          tag: Object.entries(tags).map(([key, value]) => new m.TagResourcesRequestTag({ key, value })),
        }),
      ),
    );
    return { requestId: res.body?.requestId ?? "" };
  }

  async untagResources(regionId: string, type: TaggableResourceType, resourceIds: string | string[], keys: string[]): Promise<RequestResult> {
    const resourceId = typeof resourceIds === "string" ? [resourceIds] : resourceIds;
    const res = await this.call("UntagResources", regionId, (client, m) =>
      client.untagResources(new m.UntagResourcesRequest({ regionId, resourceType: type, resourceId, tagKey: keys })),
    );
    return { requestId: res.body?.requestId ?? "" };
  }

  async listTagResources(regionId: string, type: TaggableResourceType, resourceId: string): Promise<Record<string, string>> {
    const tags: Record<string, string> = {};
    let nextToken: string | undefined;
    do {
      const res = await this.call("ListTagResources", regionId, (client, m) =>
        client.listTagResources(new m.ListTagResourcesRequest({ regionId, resourceType: type, resourceId: [resourceId], nextToken })),
      );
      for (const t of res.body?.tagResources?.tagResource ?? []) {
        if (t.resourceId === resourceId && t.tagKey) tags[t.tagKey] = t.tagValue ?? "";
      }
      nextToken = res.body?.nextToken || undefined;
    } while (nextToken);
    return tags;
  }

  /** A per-resource action (no RegionId on the wire); a passed DryRun resolves like success. */
  private async action(
    action: string,
    resourceId: string,
    dryRun: boolean | undefined,
    run: (client: EcsClient, m: SdkModule) => Promise<{ body?: { requestId?: string } }>,
  ): Promise<RequestResult> {
    try {
      const res = await this.call(action, this.regionFor(resourceId), run);
      return { requestId: res.body?.requestId ?? "" };
    } catch (err) {
      const passed = dryRunPassed(err, dryRun);
      if (passed) return passed;
      throw err;
    }
  }

  private regionFor(resourceId: string): string | undefined {
    return this.regionOf.get(resourceId) ?? this.settings.regionId;
  }

  private async pages<T>(
    action: string,
    regionId: string,
    fetch: (client: EcsClient, m: SdkModule, pageNumber: number) => Promise<{ page: Page<T>; res: unknown }>,
  ): Promise<T[]> {
    return collectPages(
      async (pageNumber) => (await this.call(action, regionId, (client, m) => fetch(client, m, pageNumber))).page,
      MAX_IDS_PER_CALL,
    );
  }

  /** ECS's clock, from the Date header of its answers (cloud-time.ts). */
  cloudNow(): number {
    return this.cloudClock.now();
  }

  private call<T>(action: string, regionId: string | undefined, run: (client: EcsClient, m: SdkModule) => Promise<T>): Promise<T> {
    const send = async () => {
      const sentAt = clockNow();
      const result = await run(this.client(regionId), this.sdk());
      this.cloudClock.observe(dateHeaderOf(result), sentAt, clockNow());
      return result;
    };
    return withRetry(action, () => this.budgets.run(regionId, action, send, this.options.retry?.signal), this.options.retry, {
      onAttempt: this.options.onCall,
      requestIdOf: requestIdOf,
    });
  }

  private sdk(): SdkModule {
    // Loaded on first use inside the provider process, never at module load.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    this.sdkModule ??= require("@alicloud/ecs20140526") as SdkModule;
    return this.sdkModule;
  }

  private client(regionId: string | undefined): EcsClient {
    const key = regionId ?? "";
    let client = this.clients.get(key);
    if (!client) {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { Config } = require("@alicloud/openapi-client");
      const config = new Config({
        credential: this.settings.credential,
        regionId,
        endpoint: this.settings.endpoint ?? (regionId ? undefined : CENTRAL_ENDPOINT),
        protocol: this.settings.protocol,
        // Explicit options, else DISKOPS_READ_TIMEOUT_MS / DISKOPS_CONNECT_TIMEOUT_MS, else the defaults.
        readTimeout: this.options.readTimeoutMs ?? envInt(process.env, "DISKOPS_READ_TIMEOUT_MS", DEFAULT_READ_TIMEOUT_MS),
        connectTimeout: this.options.connectTimeoutMs ?? envInt(process.env, "DISKOPS_CONNECT_TIMEOUT_MS", DEFAULT_CONNECT_TIMEOUT_MS),
        userAgent: "pulumi-alicloud-diskops",
      });
      const Client = (this.sdk() as unknown as { default: new (config: unknown) => EcsClient }).default;
      client = new Client(config);
      if (this.options.transport) routeThroughTransport(client, this.options.transport, regionId);
      this.clients.set(key, client);
    }
    return client;
  }
}

/** Tag.N as the SDK's request models, or undefined when there are none. */
function tagList<T>(tags: Record<string, string> | undefined, make: (key: string, value: string) => T): T[] | undefined {
  const entries = Object.entries(tags ?? {});
  return entries.length ? entries.map(([key, value]) => make(key, value)) : undefined;
}

function requestIdOf(result: unknown): string | undefined {
  const body = (result as { body?: { requestId?: unknown }; page?: unknown; res?: { body?: { requestId?: unknown } } }) ?? {};
  const id = body.body?.requestId ?? body.res?.body?.requestId;
  return typeof id === "string" ? id : undefined;
}

/** With DryRun, ECS answers a passed check with the error DryRunOperation: that is success. */
function dryRunPassed(err: unknown, dryRun: boolean | undefined): RequestResult | undefined {
  if (dryRun && err instanceof EcsError && err.code === "DryRunOperation") return { requestId: err.requestId ?? "" };
  return undefined;
}
