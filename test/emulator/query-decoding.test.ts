// `+` in a query string or form body is a space, as ECS reads it, under both signature versions:
// the Python SDKs and the aliyun CLI send spaces that way and sign the value with the space.
// A literal plus arrives as %2B and stays a plus.
import type { RunningEmulator } from "../../emulator";
import { DEMO_IDS } from "../../emulator";
import { $Ecs, REGION, admin, captureRequest, legacyUrl, rawRequest, replay, sdk, start } from "./support/harness";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({ timeScale: 0 });
});
afterAll(() => emu.close());

/** The parameters the emulator read for the last call of `action` (the call log). */
async function lastParams(action: string): Promise<Record<string, string>> {
  const calls = (await admin(emu, "GET", "calls")).body as unknown as { Action: string; Params: Record<string, string> }[];
  return calls.filter((c) => c.Action === action).pop()!.Params;
}

const IDS_WITH_SPACES = JSON.stringify([DEMO_IDS.instances.web, DEMO_IDS.instances.batch]).replace(/,/g, ", ");

test("ACS3: a request the SDK signed with %20, sent with + instead, is verified and read with spaces", async () => {
  const captured = await captureRequest((port) =>
    sdk(emu, { port }).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION, instanceIds: IDS_WITH_SPACES })),
  );
  expect(captured.url).toContain("%20");
  const r = await replay(emu, captured, (c) => ({ ...c, url: c.url.replace(/%20/g, "+") }));
  expect(r.status).toBe(200);
  expect((r.body.Instances as unknown as { Instance: unknown[] }).Instance).toHaveLength(2);
  expect((await lastParams("DescribeInstances")).InstanceIds).toBe(IDS_WITH_SPACES);
});

test("HMAC-SHA1: the same, over GET", async () => {
  const url = legacyUrl({ Action: "DescribeInstances", RegionId: REGION, InstanceIds: IDS_WITH_SPACES });
  expect(url).toContain("%20");
  const r = await rawRequest(emu, "GET", url.replace(/%20/g, "+"));
  expect([r.status, r.body.TotalCount]).toEqual([200, 2]);
  expect((await lastParams("DescribeInstances")).InstanceIds).toBe(IDS_WITH_SPACES);
});

test("HMAC-SHA1: + in a form body is a space too", async () => {
  const url = legacyUrl({ Action: "DescribeInstances", RegionId: REGION, InstanceIds: IDS_WITH_SPACES }, "POST");
  const [, query] = url.split("?");
  const r = await rawRequest(emu, "POST", "/", { "content-type": "application/x-www-form-urlencoded" }, query.replace(/%20/g, "+"));
  expect([r.status, r.body.TotalCount]).toEqual([200, 2]);
});

test("a literal plus (%2B) stays a plus, and a tampered + is caught by the signature", async () => {
  const captured = await captureRequest((port) =>
    sdk(emu, { port }).createSnapshot(new $Ecs.CreateSnapshotRequest({ diskId: DEMO_IDS.disks.webData2, description: "before 1+1 upgrade" })),
  );
  expect(captured.url).toContain("1%2B1%20upgrade");
  // Reading %2B as a space would change the value, so the signature would not match.
  const tampered = await replay(emu, captured, (c) => ({ ...c, url: c.url.replace("1%2B1", "1+1") }));
  expect([tampered.status, tampered.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
  const r = await replay(emu, captured);
  expect(r.status).toBe(200);
  const snap = await sdk(emu).describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([r.body.SnapshotId]) }));
  expect(snap.body!.snapshots!.snapshot![0].description).toBe("before 1+1 upgrade");
});
