// createEcsApi over the official SDK, talking real HTTP to a scripted fake endpoint.
import { createEcsApi, EcsApiOptions } from "../../provider/ecs/client";
import { EcsError } from "../../provider/ecs/errors";
import { resolveEcsSettings } from "../../provider/ecs/settings";
import { ecsErrorReply, FakeEcsServer, startFakeEcs } from "../support/fake-ecs-server";

const SECRET = "fake-secret-Zq8wX3vB7nM2";
const PASSWORD = "Sup3r$ecretPw!";
const TINY_RETRY = { retries: 3, minDelayMs: 1, maxDelayMs: 5 };

let fake: FakeEcsServer;
beforeAll(async () => {
  fake = await startFakeEcs();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
});

function api(options: EcsApiOptions = {}) {
  const settings = resolveEcsSettings({
    env: {
      ALIBABA_CLOUD_ECS_ENDPOINT: fake.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAIfakeKeyId",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
    },
    regionId: "cn-hangzhou",
  });
  return createEcsApi(settings, { retry: TINY_RETRY, ...options });
}

function disk(id: string, extra: Record<string, unknown> = {}) {
  return { DiskId: id, RegionId: "cn-hangzhou", Type: "data", Status: "In_use", Size: 40, Category: "cloud_essd", Encrypted: false, ...extra };
}

/** Answers DescribeDisks like ECS: the requested ids (all exist), paged by PageNumber/PageSize. */
function describeDisksByIds() {
  return (call: { query: Record<string, string> }) => {
    const ids: string[] = JSON.parse(call.query.DiskIds ?? "[]");
    const size = Number(call.query.PageSize ?? 10);
    const page = Number(call.query.PageNumber ?? 1);
    const items = ids.slice((page - 1) * size, page * size).map((id) => disk(id));
    return { body: { TotalCount: ids.length, PageNumber: page, PageSize: size, Disks: { Disk: items } } };
  };
}

describe("response mapping", () => {
  test("DescribeInstances -> InstanceInfo (camelCase, locks flattened, region from the call)", async () => {
    fake.enqueue("DescribeInstances", {
      body: {
        TotalCount: 1,
        Instances: {
          Instance: [
            {
              InstanceId: "i-1",
              RegionId: "cn-hangzhou",
              ZoneId: "cn-hangzhou-h",
              Status: "Running",
              ImageId: "ubuntu_22",
              OSType: "linux",
              InstanceChargeType: "PostPaid",
              StoppedMode: "Not-applicable",
              OperationLocks: { LockReason: [{ LockReason: "security" }] },
            },
          ],
        },
      },
    });
    const [info] = await api().describeInstances("cn-hangzhou", ["i-1"]);
    expect(info).toEqual({
      instanceId: "i-1",
      regionId: "cn-hangzhou",
      zoneId: "cn-hangzhou-h",
      status: "Running",
      imageId: "ubuntu_22",
      osType: "linux",
      instanceChargeType: "PostPaid",
      expiredTime: undefined,
      stoppedMode: "Not-applicable",
      operationLocks: ["security"],
    });
    const [call] = fake.callsOf("DescribeInstances");
    expect(call.query.RegionId).toBe("cn-hangzhou");
    expect(JSON.parse(call.query.InstanceIds)).toEqual(["i-1"]);
  });

  test("DescribeDisks -> DiskInfo; empty strings become undefined", async () => {
    fake.enqueue("DescribeDisks", {
      body: {
        TotalCount: 1,
        Disks: {
          Disk: [
            disk("d-1", {
              Type: "system",
              InstanceId: "i-1",
              ImageId: "img-1",
              SourceSnapshotId: "",
              KMSKeyId: "key-1",
              Encrypted: true,
              MultiAttach: "Disabled",
              OperationLocks: { OperationLock: [{ LockReason: "financial" }] },
            }),
          ],
        },
      },
    });
    const [info] = await api().describeDisks("cn-hangzhou", { diskIds: ["d-1"] });
    expect(info).toMatchObject({
      diskId: "d-1",
      instanceId: "i-1",
      type: "system",
      status: "In_use",
      imageId: "img-1",
      sourceSnapshotId: undefined,
      size: 40,
      category: "cloud_essd",
      encrypted: true,
      kmsKeyId: "key-1",
      multiAttach: "Disabled",
      operationLocks: ["financial"],
    });
  });

  test("DescribeSnapshots, DescribeImages, DescribeKeyPairs, DescribeRegions", async () => {
    fake.enqueue("DescribeSnapshots", {
      body: {
        TotalCount: 1,
        Snapshots: { Snapshot: [{ SnapshotId: "s-1", SourceDiskId: "d-1", Status: "accomplished", Progress: "100%", Encrypted: false }] },
      },
    });
    fake.enqueue("DescribeImages", {
      body: { TotalCount: 1, Images: { Image: [{ ImageId: "img-w", OSType: "windows", Size: 50, Status: "Available", Platform: "Windows Server 2022" }] } },
    });
    fake.enqueue("DescribeKeyPairs", {
      body: { TotalCount: 2, KeyPairs: { KeyPair: [{ KeyPairName: "ops-old" }, { KeyPairName: "ops", KeyPairFingerPrint: "ab:cd" }] } },
    });
    fake.enqueue("DescribeRegions", { body: { Regions: { Region: [{ RegionId: "cn-hangzhou" }, { RegionId: "eu-central-1" }] } } });
    const ecs = api();
    expect(await ecs.describeSnapshots("cn-hangzhou", ["s-1"])).toEqual([
      { snapshotId: "s-1", regionId: "cn-hangzhou", sourceDiskId: "d-1", status: "accomplished", progress: "100%", creationTime: undefined, encrypted: false },
    ]);
    expect(await ecs.describeImage("cn-hangzhou", "img-w")).toMatchObject({ imageId: "img-w", osType: "windows", size: 50, status: "Available" });
    expect(await ecs.describeKeyPair("cn-hangzhou", "ops")).toEqual({ keyPairName: "ops", keyPairFingerPrint: "ab:cd" });
    expect(await ecs.describeRegions()).toEqual(["cn-hangzhou", "eu-central-1"]);
    // DescribeImages must not hide deprecated images (its default is Status=Available).
    expect(fake.callsOf("DescribeImages")[0].query.Status).toContain("Deprecated");
  });

  test("describeImage / describeKeyPair return undefined when absent", async () => {
    fake.enqueue("DescribeImages", { body: { TotalCount: 0, Images: { Image: [] } } });
    fake.enqueue("DescribeKeyPairs", { body: { TotalCount: 1, KeyPairs: { KeyPair: [{ KeyPairName: "ops-2" }] } } });
    const ecs = api();
    await expect(ecs.describeImage("cn-hangzhou", "img-gone")).resolves.toBeUndefined();
    // A wildcard-ish near match is not the key pair asked for.
    await expect(ecs.describeKeyPair("cn-hangzhou", "ops")).resolves.toBeUndefined();
  });

  test("marketplace images are looked up by owner alias too; a diskops:resizable=false tag marks fixed-size images", async () => {
    fake.enqueue("DescribeImages", { body: { TotalCount: 0, Images: { Image: [] } } });
    fake.enqueue("DescribeImages", {
      body: {
        TotalCount: 1,
        Images: { Image: [{ ImageId: "m-fixed", OSType: "linux", Size: 30, Status: "Available", Tags: { Tag: [{ TagKey: "diskops:resizable", TagValue: "false" }] } }] },
      },
    });
    await expect(api().describeImage("cn-hangzhou", "m-fixed")).resolves.toMatchObject({ imageId: "m-fixed", size: 30, resizable: false });
    expect(fake.callsOf("DescribeImages").map((c) => c.query.ImageOwnerAlias)).toEqual([undefined, "marketplace"]);
  });

  test("ResetDisks maps OperationProgressSet per disk", async () => {
    fake.enqueue("ResetDisks", {
      body: {
        OperationProgressSet: {
          OperationProgress: [
            { OperationStatus: "Success", RelatedItemSet: { RelatedItem: [{ Name: "DiskId", Value: "d-1" }] } },
            {
              OperationStatus: "Failed",
              ErrorCode: "IncorrectDiskStatus",
              ErrorMsg: "The current disk status does not support this operation.",
              RelatedItemSet: { RelatedItem: [{ Name: "DiskId", Value: "d-2" }] },
            },
          ],
        },
      },
    });
    const result = await api().resetDisks("cn-hangzhou", [
      { diskId: "d-1", snapshotId: "s-1" },
      { diskId: "d-2", snapshotId: "s-2" },
    ]);
    expect(result.requestId).toMatch(/^FAKE-/);
    expect(result.results).toEqual([
      { diskId: "d-1", snapshotId: "s-1", status: "Success", errorCode: undefined, errorMsg: undefined },
      {
        diskId: "d-2",
        snapshotId: "s-2",
        status: "Failed",
        errorCode: "IncorrectDiskStatus",
        errorMsg: "The current disk status does not support this operation.",
      },
    ]);
    const [call] = fake.callsOf("ResetDisks");
    expect(call.query).toMatchObject({ RegionId: "cn-hangzhou", "Disk.1.DiskId": "d-1", "Disk.1.SnapshotId": "s-1", "Disk.2.DiskId": "d-2" });
  });

  test("ReplaceSystemDisk sends size and client token, returns the new disk id", async () => {
    fake.enqueue("ReplaceSystemDisk", { body: { DiskId: "d-new" } });
    const result = await api().replaceSystemDisk({ instanceId: "i-1", imageId: "img-2", systemDiskSize: 60, clientToken: "tok-1", password: PASSWORD });
    expect(result).toEqual({ requestId: expect.stringMatching(/^FAKE-/), diskId: "d-new" });
    const [call] = fake.callsOf("ReplaceSystemDisk");
    expect(call.query).toMatchObject({ InstanceId: "i-1", ImageId: "img-2", "SystemDisk.Size": "60", ClientToken: "tok-1" });
  });

  test("StopInstance / StartInstance / ResetDisk send their options; a passed DryRun resolves", async () => {
    fake.enqueue("StopInstance", {});
    fake.enqueue("StartInstance", ecsErrorReply("DryRunOperation", 400, "Request validation has been passed with DryRun flag set."));
    fake.enqueue("ResetDisk", {});
    const ecs = api();
    await expect(ecs.stopInstance("i-1", { forceStop: true, stoppedMode: "StopCharging" })).resolves.toEqual({ requestId: expect.any(String) });
    await expect(ecs.startInstance("i-1", { dryRun: true })).resolves.toEqual({ requestId: expect.stringMatching(/^FAKE-/) });
    await ecs.resetDisk("d-1", "s-1");
    expect(fake.callsOf("StopInstance")[0].query).toMatchObject({ InstanceId: "i-1", ForceStop: "true", StoppedMode: "StopCharging" });
    expect(fake.callsOf("StartInstance")[0].query).toMatchObject({ InstanceId: "i-1", DryRun: "true" });
    expect(fake.callsOf("ResetDisk")[0].query).toMatchObject({ DiskId: "d-1", SnapshotId: "s-1" });
  });
});

describe("chunking and paging", () => {
  test("250 disk ids -> 3 DescribeDisks calls of at most 100 ids each", async () => {
    fake.on("DescribeDisks", describeDisksByIds());
    const ids = Array.from({ length: 250 }, (_, i) => `d-${i}`);
    const disks = await api().describeDisks("cn-hangzhou", { diskIds: [...ids, "d-0"] });
    expect(disks.map((d) => d.diskId)).toEqual(ids);
    const sent = fake.callsOf("DescribeDisks").map((c) => JSON.parse(c.query.DiskIds).length);
    expect(sent).toEqual([100, 100, 50]);
  });

  test("follows pages until TotalCount", async () => {
    const all = Array.from({ length: 130 }, (_, i) => disk(`d-${i}`, { InstanceId: "i-1" }));
    fake.on("DescribeDisks", (call) => {
      const page = Number(call.query.PageNumber);
      const size = Number(call.query.PageSize);
      return { body: { TotalCount: all.length, Disks: { Disk: all.slice((page - 1) * size, page * size) } } };
    });
    const disks = await api().describeDisks("cn-hangzhou", { instanceId: "i-1" });
    expect(disks).toHaveLength(130);
    expect(fake.callsOf("DescribeDisks").map((c) => c.query.PageNumber)).toEqual(["1", "2"]);
    expect(fake.callsOf("DescribeDisks")[0].query.InstanceId).toBe("i-1");
  });

  test("no ids, no call", async () => {
    await expect(api().describeInstances("cn-hangzhou", [])).resolves.toEqual([]);
    expect(fake.calls).toHaveLength(0);
  });
});

describe("retries", () => {
  test("throttling is retried, waiting at least x-acs-retry-after", async () => {
    fake.enqueue(
      "StopInstance",
      { ...ecsErrorReply("Throttling.User", 400, "Request was denied due to user flow control."), headers: { "x-acs-retry-after": "150" } },
      {},
    );
    const events: unknown[] = [];
    await expect(api({ onCall: (e) => events.push(e) }).stopInstance("i-1")).resolves.toEqual({ requestId: expect.any(String) });
    const [first, second] = fake.callsOf("StopInstance");
    expect(second.at - first.at).toBeGreaterThanOrEqual(140); // retry-after is a floor, far above the 5 ms policy cap
    expect(events).toEqual([
      expect.objectContaining({ action: "StopInstance", attempt: 1, code: "Throttling.User" }),
      expect.objectContaining({ action: "StopInstance", attempt: 2, requestId: expect.stringMatching(/^FAKE-/) }),
    ]);
  });

  test("5xx is retried until it succeeds", async () => {
    fake.enqueue("StartInstance", ecsErrorReply("ServiceUnavailable", 503), ecsErrorReply("InternalError", 500), {});
    await expect(api().startInstance("i-1")).resolves.toEqual({ requestId: expect.any(String) });
    expect(fake.callsOf("StartInstance")).toHaveLength(3);
  });

  test("a gateway's non-JSON 502 page is treated as a server error and retried", async () => {
    fake.enqueue("StopInstance", { status: 502, raw: "<html><body>502 Bad Gateway</body></html>" }, {});
    await expect(api().stopInstance("i-1")).resolves.toEqual({ requestId: expect.any(String) });
    expect(fake.callsOf("StopInstance")).toHaveLength(2);
  });

  test("a reset connection is retried", async () => {
    fake.enqueue("DescribeRegions", { reset: true }, { body: { Regions: { Region: [{ RegionId: "cn-hangzhou" }] } } });
    await expect(api().describeRegions()).resolves.toEqual(["cn-hangzhou"]);
    expect(fake.callsOf("DescribeRegions")).toHaveLength(2);
  });

  test("a stalled response times out and is retried", async () => {
    fake.enqueue("DescribeRegions", { hang: true }, { body: { Regions: { Region: [{ RegionId: "eu-central-1" }] } } });
    await expect(api({ readTimeoutMs: 150 }).describeRegions()).resolves.toEqual(["eu-central-1"]);
    expect(fake.callsOf("DescribeRegions")).toHaveLength(2);
  });

  test("retries run out: the last error, with the attempt count", async () => {
    fake.on("StartInstance", ecsErrorReply("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server."));
    const err = await api({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } }).startInstance("i-9").catch((e) => e);
    fake.on("StartInstance", {});
    expect(err).toBeInstanceOf(EcsError);
    expect(err).toMatchObject({ code: "ServiceUnavailable", httpStatus: 503, attempts: 3 });
    expect(fake.callsOf("StartInstance")).toHaveLength(3);
  });

  test("a terminal 4xx fails at once with code, request id and remedy", async () => {
    fake.enqueue("ResetDisk", {
      ...ecsErrorReply("IncorrectInstanceStatus", 403, "The current status of the resource does not support this operation."),
      body: {
        RequestId: "5C41A2B0-0000-4000-8000-000000000001",
        Code: "IncorrectInstanceStatus",
        Message: "The current status of the resource does not support this operation.",
        Recommend: "https://api.aliyun.com/troubleshoot?q=IncorrectInstanceStatus",
      },
    });
    const err: EcsError = await api().resetDisk("d-1", "s-1").catch((e) => e);
    expect(fake.callsOf("ResetDisk")).toHaveLength(1);
    expect(err).toBeInstanceOf(EcsError);
    expect(err).toMatchObject({
      action: "ResetDisk",
      code: "IncorrectInstanceStatus",
      httpStatus: 403,
      requestId: "5C41A2B0-0000-4000-8000-000000000001",
      recommend: "https://api.aliyun.com/troubleshoot?q=IncorrectInstanceStatus",
    });
    expect(err.remedy).toMatch(/Stopped/);
    expect(err.message).toBe(
      "ECS ResetDisk failed: IncorrectInstanceStatus (HTTP 403, request 5C41A2B0-0000-4000-8000-000000000001): " +
        `The current status of the resource does not support this operation. Remedy: ${err.remedy.replace(/\.$/, "")}`,
    );
  });
});

describe("secrets stay out of errors", () => {
  test("a timed-out ReplaceSystemDisk (password in the URL) reports no password or secret", async () => {
    fake.enqueue("ReplaceSystemDisk", { hang: true });
    const err: EcsError = await api({ readTimeoutMs: 100, retry: { retries: 0 } })
      .replaceSystemDisk({ instanceId: "i-1", imageId: "img-1", password: PASSWORD })
      .catch((e) => e);
    expect(err).toBeInstanceOf(EcsError);
    expect(err.code).toBe("RequestTimeout");
    // The password really did travel in the query string...
    expect(fake.callsOf("ReplaceSystemDisk")[0].query.Password).toBe(PASSWORD);
    // ...but no rendering of the error carries it.
    for (const text of [err.message, err.stack ?? "", JSON.stringify(err), require("util").inspect(err)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(encodeURIComponent(PASSWORD));
      expect(text).not.toContain(SECRET);
    }
  });

  test("an error body echoing the password or secret is scrubbed", async () => {
    fake.enqueue("ReplaceSystemDisk", ecsErrorReply("InvalidPassword.Malformed", 400, `Password=${PASSWORD} is not valid; AccessKeySecret: ${SECRET}`));
    const err: EcsError = await api().replaceSystemDisk({ instanceId: "i-1", imageId: "img-1", password: PASSWORD }).catch((e) => e);
    expect(err.code).toBe("InvalidPassword.Malformed");
    expect(err.message).not.toContain(PASSWORD);
    expect(err.message).not.toContain(SECRET);
    expect(err.message).toContain("Password=***");
  });

  test("the signature travels in a header, the secret never does", async () => {
    fake.enqueue("DescribeRegions", { body: { Regions: { Region: [] } } });
    await api().describeRegions();
    const [call] = fake.callsOf("DescribeRegions");
    expect(call.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAIfakeKeyId,/);
    expect(JSON.stringify(call)).not.toContain(SECRET);
  });
});
