// The two baselines of the fleet benchmark, written as plain SDK loops (what a user or another
// tool does without this provider): per resource StopInstance, poll until Stopped, ResetDisk, poll
// until the disk is back In_use, StartInstance, poll until Running. Each poll is its own Describe
// call every 5 s; a throttled call is sent again after 5 s (the retry-after hint is not read).
//  - "terraform": at most 10 resources at a time (`terraform apply` default -parallelism=10).
//  - "naive": every resource at once.
import Ecs, * as $Ecs from "@alicloud/ecs20140526";
import * as $OpenApi from "@alicloud/openapi-client";
import { DEMO_ACCESS_KEY, DEMO_REGION } from "../../emulator";
import type { FleetMember } from "./fleet";

export type PeerKind = "terraform" | "naive";

export const PEER_POLL_MS = 5000;
const PEER_PARALLELISM: Record<PeerKind, number> = { terraform: 10, naive: Infinity };
/** A call that keeps being throttled or failing this many times is given up (the error surfaces). */
const MAX_ATTEMPTS = 200;

export interface PeerOutcome {
  failed: number;
  /** Failures whose last error was throttling. */
  throttlingSurfaced: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function client(port: number): Ecs {
  return new Ecs(
    new $OpenApi.Config({
      accessKeyId: DEMO_ACCESS_KEY.AccessKeyId,
      accessKeySecret: DEMO_ACCESS_KEY.AccessKeySecret,
      endpoint: `127.0.0.1:${port}`,
      protocol: "http",
      regionId: DEMO_REGION,
      readTimeout: 60000,
      connectTimeout: 30000,
    }),
  );
}

/** Sends `fn` until it is answered; throttling, 5xx and network errors are tried again after 5 s. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const e = err as { statusCode?: number; code?: string };
      const retryable = String(e.code ?? "").includes("Throttling") || (e.statusCode ?? 500) >= 500 || e.statusCode === undefined;
      if (!retryable || attempt >= MAX_ATTEMPTS) throw err;
      await sleep(PEER_POLL_MS);
    }
  }
}

/** Every 5 s one Describe call, until `done`; a failed poll is just another poll. */
async function pollUntil(read: () => Promise<boolean>): Promise<void> {
  for (let polls = 0; polls < MAX_ATTEMPTS; polls++) {
    await sleep(PEER_POLL_MS);
    if (await read().catch(() => false)) return;
  }
  throw new Error("gave up polling");
}

async function rollBack(ecs: Ecs, m: FleetMember): Promise<void> {
  const instanceIs = (status: string) => async () => {
    const res = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: DEMO_REGION, instanceIds: JSON.stringify([m.instanceId]) }));
    return res.body?.instances?.instance?.[0]?.status === status;
  };
  await call(() => ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: m.instanceId })));
  await pollUntil(instanceIs("Stopped"));
  await call(() => ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: m.diskId, snapshotId: m.snapshotId })));
  await pollUntil(async () => {
    const res = await ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: DEMO_REGION, diskIds: JSON.stringify([m.diskId]) }));
    return res.body?.disks?.disk?.[0]?.status === "In_use";
  });
  await call(() => ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: m.instanceId })));
  await pollUntil(instanceIs("Running"));
}

export async function runPeer(kind: PeerKind, port: number, members: FleetMember[]): Promise<PeerOutcome> {
  const ecs = client(port);
  const outcome: PeerOutcome = { failed: 0, throttlingSurfaced: 0 };
  const queue = [...members];
  const worker = async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      try {
        await rollBack(ecs, m);
      } catch (err) {
        outcome.failed++;
        if (String((err as { code?: string }).code ?? "").includes("Throttling")) outcome.throttlingSurfaced++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PEER_PARALLELISM[kind], members.length) }, worker));
  return outcome;
}
