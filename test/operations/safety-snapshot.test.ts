// operations/safety-snapshot.ts against a scripted ECS: the ClientToken rules, the reuse rules, and
// the paths the emulator cannot easily produce (a token mismatch after a crash, a failed snapshot).
import type { EcsApi, SnapshotInfo } from "../../provider/ecs/api";
import type { OpsContext } from "../../provider/operations/ops-context";
import {
  SafetySnapshotError,
  safetySnapshotRunKey,
  snapshotClientToken,
  takeSafetySnapshots,
  type SafetySnapshotRequest,
} from "../../provider/operations/safety-snapshot";

function snap(id: string, diskId: string, status: string, tags: Record<string, string> = {}): SnapshotInfo {
  return { snapshotId: id, sourceDiskId: diskId, status, tags, creationTime: "2026-01-01T00:00:00Z" };
}

/** An EcsApi with just the snapshot calls, answering from `existing`, recording CreateSnapshot. */
function fakeEcs(existing: SnapshotInfo[], create?: (p: any) => Promise<{ snapshotId: string; requestId: string }>) {
  const created: any[] = [];
  const api = {
    findSnapshots: async () => existing.filter((s) => s.tags?.["diskops:run"] === "run-1"),
    describeSnapshots: async (_r: string, ids: string[]) => existing.filter((s) => ids.includes(s.snapshotId)),
    createSnapshot: async (p: any) => {
      created.push(p);
      if (create) return create(p);
      const s = snap(`s-new-${created.length}`, p.diskId, "accomplished", p.tags);
      existing.push(s);
      return { snapshotId: s.snapshotId, requestId: `req-${created.length}` };
    },
  } as unknown as EcsApi;
  const ctx: OpsContext = { api, readInstance: async () => undefined, readDisks: async () => new Map(), cloudNow: () => Date.now() };
  return { ctx, created };
}

const request = (over: Partial<SafetySnapshotRequest> = {}): SafetySnapshotRequest => ({
  regionId: "cn-hangzhou",
  diskIds: ["d-1"],
  kind: "DiskRestore",
  destructiveAction: "ResetDisk",
  resourceId: "restore-i-1-abcd",
  runKey: "run-1",
  settings: { name: "pre-reset", retentionDays: 3 },
  limit: { step: "snapshot", timeoutMs: 2000, deadline: Date.now() + 2000 },
  ...over,
});

beforeAll(() => {
  process.env.DISKOPS_POLL_MIN_MS = "5";
  process.env.DISKOPS_POLL_MAX_MS = "10";
});

test("run keys and tokens: stable for equal inputs, different for another run, disk, or earlier snapshot", () => {
  const a = safetySnapshotRunKey({ kind: "DiskRestore", disks: [["d-1", "s-1"]], basis: "create" });
  expect(safetySnapshotRunKey({ basis: "create", disks: [["d-1", "s-1"]], kind: "DiskRestore" })).toBe(a);
  expect(safetySnapshotRunKey({ kind: "DiskRestore", disks: [["d-1", "s-1"]], basis: "2026-01-01T00:00:00Z" })).not.toBe(a);
  const t = snapshotClientToken(a, "d-1");
  expect(t).toMatch(/^diskops-snap-[0-9a-f]+$/);
  expect(t.length).toBeLessThanOrEqual(64);
  expect(snapshotClientToken(a, "d-1")).toBe(t);
  expect(snapshotClientToken(a, "d-2")).not.toBe(t);
  expect(snapshotClientToken(a, "d-1", ["s-old"])).not.toBe(t);
});

test("a new run: CreateSnapshot with name, retention, description, token and the run's tags", async () => {
  const { ctx, created } = fakeEcs([]);
  const out = await takeSafetySnapshots(ctx, request());
  expect(out).toEqual({ snapshots: [{ diskId: "d-1", snapshotId: "s-new-1" }], requestIds: ["req-1"], reused: [] });
  expect(created).toEqual([
    {
      diskId: "d-1",
      snapshotName: "pre-reset",
      retentionDays: 3,
      description: "Safety snapshot by pulumi-alicloud-diskops (DiskRestore) before ResetDisk of d-1",
      clientToken: snapshotClientToken("run-1", "d-1"),
      tags: { "diskops:run": "run-1", "diskops:state": "taken", "diskops:kind": "DiskRestore", "diskops:resource": "restore-i-1-abcd" },
    },
  ]);
});

test("reuse: the run's snapshot (progressing or finished) is reused; failed and recorded ones are not, and change the token", async () => {
  const { ctx, created } = fakeEcs([snap("s-mine", "d-1", "accomplished", { "diskops:run": "run-1", "diskops:state": "taken" })]);
  expect((await takeSafetySnapshots(ctx, request())).reused).toEqual(["s-mine"]);
  expect(created).toHaveLength(0);

  const failed = snap("s-failed", "d-1", "failed", { "diskops:run": "run-1" });
  const recorded = snap("s-done", "d-1", "accomplished", { "diskops:run": "run-1", "diskops:state": "recorded" });
  const second = fakeEcs([failed, recorded]);
  const out = await takeSafetySnapshots(second.ctx, request());
  expect(out.reused).toEqual([]);
  expect(second.created[0].clientToken).toBe(snapshotClientToken("run-1", "d-1", ["s-done", "s-failed"]));
});

test("SystemDiskReplacement: the run's snapshot of the old (already replaced) disk counts for the new one", async () => {
  const { ctx, created } = fakeEcs([snap("s-old", "d-old", "accomplished", { "diskops:run": "run-1" })]);
  const out = await takeSafetySnapshots(ctx, request({ diskIds: ["d-new"], reuseOtherDisk: true }));
  expect(out.snapshots).toEqual([{ diskId: "d-old", snapshotId: "s-old" }]);
  expect(created).toHaveLength(0);
});

test("IdempotentParameterMismatch (an earlier attempt's token, not listed at first): that attempt's snapshot is found again and reused", async () => {
  const existing: SnapshotInfo[] = [];
  const { ctx } = fakeEcs(existing, async () => {
    existing.push(snap("s-earlier", "d-1", "progressing", { "diskops:run": "run-1" }));
    setTimeout(() => (existing[0].status = "accomplished"), 20);
    throw Object.assign(new Error("ECS CreateSnapshot failed: IdempotentParameterMismatch"), { code: "IdempotentParameterMismatch" });
  });
  const out = await takeSafetySnapshots(ctx, request());
  expect(out.snapshots).toEqual([{ diskId: "d-1", snapshotId: "s-earlier" }]);
});

test("a snapshot that fails: SafetySnapshotError naming it, with what was taken", async () => {
  const { ctx } = fakeEcs([], async () => {
    return { snapshotId: "s-bad", requestId: "r" };
  });
  (ctx.api as any).describeSnapshots = async () => [snap("s-bad", "d-1", "failed")];
  const err = await takeSafetySnapshots(ctx, request()).catch((e) => e);
  expect(err).toBeInstanceOf(SafetySnapshotError);
  expect(err.message).toMatch(/safety snapshot\(s\) s-bad failed: no undo would exist, so nothing was overwritten/);
  expect(err.taken).toEqual([{ diskId: "d-1", snapshotId: "s-bad" }]);
});
