// Both signature schemes are accepted; tampering, unknown keys, replays, stale timestamps,
// missing signing headers and malformed requests are rejected with ECS's exact code and status.
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { RuntimeOptions } from "@alicloud/tea-util";
import type { RunningEmulator } from "../../emulator";
import { ACTIONS } from "../../emulator/actions";
import {
  $Ecs,
  DEMO_ACCESS_KEY,
  REGION,
  captureRequest,
  describeInstance,
  expectEcsError,
  legacyCall,
  legacyUrl,
  rawRequest,
  replay,
  resignAcs3,
  sdk,
  start,
  waitInstanceStatus,
} from "./support/harness";

const STS = { AccessKeyId: "STS.test-key", AccessKeySecret: "sts-secret", SecurityToken: "sts-token-123" };
let emu: RunningEmulator;
const internalErrors: string[] = [];

beforeAll(async () => {
  emu = await start({
    seed: {
      AccessKeys: [{ ...DEMO_ACCESS_KEY }, STS],
      Instances: [
        { InstanceId: "i-sig-1", Status: "Running", ImageId: "m-x" },
        { InstanceId: "i-sig-2", Status: "Running", ImageId: "m-x" },
      ],
      Disks: [{ DiskId: "d-sig-1", InstanceId: "i-sig-1", Type: "system" }],
      Images: [{ ImageId: "m-x" }],
    },
    logError: (m) => internalErrors.push(m),
  });
});
afterAll(() => emu.close());

const describeRegions = (client = sdk(emu)) => client.describeRegions(new $Ecs.DescribeRegionsRequest({}));
const describeDisksRequest = () => new $Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: JSON.stringify(["d-sig-1"]) });

describe("accepted signatures", () => {
  test("ACS3-HMAC-SHA256 from the official 7.x client", async () => {
    const r = await describeRegions();
    expect(r.statusCode).toBe(200);
    expect(r.body!.regions!.region!.map((x) => x.regionId)).toContain(REGION);
    expect(r.body!.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  test("legacy HMAC-SHA1 from openapi-client doRPCRequest, parameters in the query", async () => {
    const r = await legacyCall(emu, "DescribeDisks", { RegionId: REGION, DiskIds: JSON.stringify(["d-sig-1"]) });
    expect(r.statusCode).toBe(200);
    expect((r.body.Disks as { Disk: { DiskId: string }[] }).Disk.map((d) => d.DiskId)).toEqual(["d-sig-1"]);
  });

  test("legacy HMAC-SHA1 with a form-encoded body changes state", async () => {
    await legacyCall(emu, "StopInstance", {}, { body: { InstanceId: "i-sig-2", ForceStop: "true" } });
    await waitInstanceStatus(sdk(emu), "i-sig-2", "Stopped");
  });

  test("legacy HMAC-SHA1 over GET", async () => {
    const r = await rawRequest(emu, "GET", legacyUrl({ Action: "DescribeRegions" }));
    expect(r.status).toBe(200);
    expect(r.body.RequestId).toBeDefined();
  });

  test("a replayed capture of the official client is verified against the raw URL", async () => {
    const captured = await captureRequest((port) =>
      sdk(emu, { port }).replaceSystemDisk(new $Ecs.ReplaceSystemDiskRequest({ instanceId: "i-nope", imageId: "m-x", password: "Ab1!()*'~ x" })),
    );
    expect(captured.url).toContain("Password=");
    const r = await replay(emu, captured);
    // The signature passed (the special characters were canonicalised as the SDK does); the action ran.
    expect(r.body.Code).toBe("InvalidInstanceId.NotFound");
  });

  test("STS: the security token of the seeded key is required and checked", async () => {
    await describeRegions(sdk(emu, { accessKeyId: STS.AccessKeyId, accessKeySecret: STS.AccessKeySecret, securityToken: STS.SecurityToken }));
    await expectEcsError(describeRegions(sdk(emu, { accessKeyId: STS.AccessKeyId, accessKeySecret: STS.AccessKeySecret })), "MissingSecurityToken", 400);
    await expectEcsError(
      describeRegions(sdk(emu, { accessKeyId: STS.AccessKeyId, accessKeySecret: STS.AccessKeySecret, securityToken: "forged" })),
      "InvalidSecurityToken.MismatchWithAccessKey",
      400,
    );
    const legacy = await legacyCall(emu, "DescribeRegions", {}, { accessKeyId: STS.AccessKeyId, accessKeySecret: STS.AccessKeySecret, securityToken: STS.SecurityToken });
    expect(legacy.statusCode).toBe(200);
  });
});

describe("rejected signatures", () => {
  test("wrong secret: SignatureDoesNotMatch 400 (both schemes)", async () => {
    await expectEcsError(describeRegions(sdk(emu, { accessKeySecret: "wrong" })), "SignatureDoesNotMatch", 400);
    await expectEcsError(legacyCall(emu, "DescribeRegions", {}, { accessKeySecret: "wrong" }), "SignatureDoesNotMatch", 400);
  });

  test("unknown access key: InvalidAccessKeyId.NotFound 404 (both schemes)", async () => {
    await expectEcsError(describeRegions(sdk(emu, { accessKeyId: "nobody" })), "InvalidAccessKeyId.NotFound", 404);
    await expectEcsError(legacyCall(emu, "DescribeRegions", {}, { accessKeyId: "nobody" }), "InvalidAccessKeyId.NotFound", 404);
  });

  test("query altered after signing: SignatureDoesNotMatch 400", async () => {
    const captured = await captureRequest((port) => sdk(emu, { port }).describeDisks(describeDisksRequest()));
    const r = await replay(emu, captured, (c) => ({ ...c, url: c.url.replace("d-sig-1", "d-sig-2") }));
    expect([r.status, r.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
    const added = await replay(emu, captured, (c) => ({ ...c, url: `${c.url}&PageSize=50` }));
    expect([added.status, added.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
  });

  test("legacy query altered after signing: SignatureDoesNotMatch 400", async () => {
    const url = legacyUrl({ Action: "DescribeDisks", RegionId: REGION });
    const r = await rawRequest(emu, "GET", url.replace(`RegionId=${REGION}`, "RegionId=cn-beijing"));
    expect([r.status, r.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
  });

  test("reused nonce: SignatureNonceUsed 400 (both schemes)", async () => {
    const captured = await captureRequest((port) => sdk(emu, { port }).describeDisks(describeDisksRequest()));
    expect((await replay(emu, captured)).status).toBe(200);
    const again = await replay(emu, captured);
    expect([again.status, again.body.Code]).toEqual([400, "SignatureNonceUsed"]);
    const url = legacyUrl({ Action: "DescribeRegions" });
    expect((await rawRequest(emu, "GET", url)).status).toBe(200);
    const legacyAgain = await rawRequest(emu, "GET", url);
    expect([legacyAgain.status, legacyAgain.body.Code]).toEqual([400, "SignatureNonceUsed"]);
  });

  test("timestamp more than 15 minutes off: InvalidTimeStamp.Expired 400 (both schemes)", async () => {
    const captured = await captureRequest((port) => sdk(emu, { port }).describeDisks(describeDisksRequest()));
    const old = new Date(Date.now() - 20 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const stale = resignAcs3({ ...captured, headers: { ...captured.headers, "x-acs-date": old } }, DEMO_ACCESS_KEY.AccessKeySecret, DEMO_ACCESS_KEY.AccessKeyId);
    const r = await replay(emu, stale);
    expect([r.status, r.body.Code]).toEqual([400, "InvalidTimeStamp.Expired"]);
    const fresh = resignAcs3(captured, DEMO_ACCESS_KEY.AccessKeySecret, DEMO_ACCESS_KEY.AccessKeyId);
    expect((await replay(emu, { ...fresh, headers: { ...fresh.headers, "x-acs-signature-nonce": "fresh-nonce-1" } })).body.Code).toBe(
      "SignatureDoesNotMatch",
    );
    const legacy = await rawRequest(emu, "GET", legacyUrl({ Action: "DescribeRegions", Timestamp: old }));
    expect([legacy.status, legacy.body.Code]).toEqual([400, "InvalidTimeStamp.Expired"]);
  });

  test("missing signing headers and parameters", async () => {
    const captured = await captureRequest((port) => sdk(emu, { port }).describeDisks(describeDisksRequest()));
    const without = (name: string) => (c: typeof captured) => {
      const headers = { ...c.headers };
      delete headers[name];
      return { ...c, headers };
    };
    const noAuth = await replay(emu, captured, without("authorization"));
    expect([noAuth.status, noAuth.body.Code]).toEqual([400, "IncompleteSignature"]);
    const noDate = await replay(emu, captured, without("x-acs-date"));
    expect([noDate.status, noDate.body.Code]).toEqual([400, "MissingParameter"]);
    expect(noDate.body.Message).toContain("x-acs-date");
    const noNonce = await replay(emu, captured, without("x-acs-signature-nonce"));
    expect([noNonce.status, noNonce.body.Code]).toEqual([400, "MissingParameter"]);
    expect(noNonce.body.Message).toContain("x-acs-signature-nonce");
    const unsigned = await replay(emu, captured, (c) => ({ ...c, headers: { ...c.headers, "x-acs-security-token": "smuggled" } }));
    expect([unsigned.status, unsigned.body.Code]).toEqual([400, "InvalidSecurityToken.MismatchWithAccessKey"]);
    const badAlgo = await replay(emu, captured, (c) => ({ ...c, headers: { ...c.headers, authorization: "ACS3-HMAC-MD5 Credential=x,SignedHeaders=host,Signature=00" } }));
    expect([badAlgo.status, badAlgo.body.Code]).toEqual([400, "IncompleteSignature"]);
    const unsignedHeader = await replay(emu, captured, (c) => ({ ...c, headers: { ...c.headers, "x-acs-extra": "1" } }));
    expect([unsignedHeader.status, unsignedHeader.body.Code]).toEqual([400, "IncompleteSignature"]);

    const legacyNoNonce = await rawRequest(emu, "GET", legacyUrl({ Action: "DescribeRegions" }).replace(/&SignatureNonce=[^&]*/, ""));
    expect([legacyNoNonce.status, legacyNoNonce.body.Code]).toEqual([400, "MissingParameter"]);
    expect(legacyNoNonce.body.Message).toContain("SignatureNonce");
    const unsignedAtAll = await rawRequest(emu, "POST", "/?Action=DescribeRegions&Version=2014-05-26");
    expect([unsignedAtAll.status, unsignedAtAll.body.Code]).toEqual([400, "IncompleteSignature"]);
  });
});

describe("malformed requests", () => {
  const callRaw = (action: string, query: Record<string, string>, version = "2014-05-26") =>
    sdk(emu).callApi(
      new $OpenApiUtil.Params({ action, version, protocol: "HTTPS", pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "json" }),
      new $OpenApiUtil.OpenApiRequest({ query }),
      new RuntimeOptions({}),
    );

  test("unknown action: InvalidAction.NotFound 404", async () => {
    await expectEcsError(callRaw("DeleteEverything", {}), "InvalidAction.NotFound", 404);
    const badEscape = await rawRequest(emu, "GET", "/?Action=%ZZ");
    expect([badEscape.status, badEscape.body.Code]).toEqual([400, "InvalidParameter"]);
    const wrongPath = await rawRequest(emu, "GET", "/v2/whatever");
    expect([wrongPath.status, wrongPath.body.Code]).toEqual([404, "InvalidAction.NotFound"]);
  });

  test("wrong API version: InvalidParameter 400 naming Version", async () => {
    const err = await expectEcsError(callRaw("DescribeRegions", {}, "2016-01-01"), "InvalidParameter", 400);
    expect(err.data?.Message).toContain('"Version"');
  });

  test("missing parameter: MissingParameter 400 naming it", async () => {
    const err = await expectEcsError(sdk(emu).resetDisk(new $Ecs.ResetDiskRequest({ diskId: "d-sig-1" })), "MissingParameter", 400);
    expect(err.data?.Message).toContain('"SnapshotId"');
    const noRegion = await expectEcsError(sdk(emu).describeDisks(new $Ecs.DescribeDisksRequest({})), "MissingParameter", 400);
    expect(noRegion.data?.Message).toContain('"RegionId"');
  });

  test("malformed parameters: InvalidParameter 400 naming them", async () => {
    const ids = await expectEcsError(callRaw("DescribeDisks", { RegionId: REGION, DiskIds: "d-sig-1" }), "InvalidParameter", 400);
    expect(ids.data?.Message).toContain('"DiskIds"');
    const tooMany = JSON.stringify(Array.from({ length: 101 }, (_, i) => `d-${i}`));
    await expectEcsError(callRaw("DescribeDisks", { RegionId: REGION, DiskIds: tooMany }), "InvalidParameter", 400);
    const flag = await expectEcsError(callRaw("StopInstance", { InstanceId: "i-sig-1", ForceStop: "maybe" }), "InvalidParameter", 400);
    expect(flag.data?.Message).toContain('"ForceStop"');
    const mode = await expectEcsError(callRaw("StopInstance", { InstanceId: "i-sig-1", StoppedMode: "Sleep" }), "InvalidParameter", 400);
    expect(mode.data?.Message).toContain('"StoppedMode"');
    const pageSize = await expectEcsError(callRaw("DescribeInstances", { RegionId: REGION, PageSize: "500" }), "InvalidParameter", 400);
    expect(pageSize.data?.Message).toContain('"PageSize"');
    await expectEcsError(callRaw("DescribeDisks", { RegionId: "Hangzhou!" }), "InvalidRegionId.MalFormed", 400);
    expect((await describeInstance(sdk(emu), "i-sig-1")).status).toBe("Running");
  });

  test("a bug in an action becomes InternalError 500 and is logged, never a crash", async () => {
    const original = ACTIONS.DescribeRegions.handle;
    ACTIONS.DescribeRegions.handle = () => {
      throw new TypeError("boom");
    };
    try {
      const err = await expectEcsError(describeRegions(), "InternalError", 500);
      expect(err.data?.RequestId).toBeDefined();
      expect(err.data?.HostId).toBeDefined();
      expect(internalErrors.some((m) => m.includes("boom") && m.includes("DescribeRegions"))).toBe(true);
    } finally {
      ACTIONS.DescribeRegions.handle = original;
    }
    expect((await describeRegions()).statusCode).toBe(200);
  });
});
