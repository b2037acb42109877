// EcsError messages, classification and scrubbing, on errors shaped like the SDK's.
import { ClientError, ServerError, ThrottlingError } from "@alicloud/openapi-core/dist/exceptions/error";
import { classifyError, CredentialsError, EcsError, toEcsError } from "../../provider/ecs/errors";
import { redact, registerSecret } from "../../provider/ecs/redact";

function sdkError(kind: typeof ClientError, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  const requestId = "5C41A2B0-REQ";
  return new kind({
    statusCode: status,
    code,
    message: `code: ${status}, ${message} request id: ${requestId}`,
    data: { RequestId: requestId, Code: code, Message: message, ...extra },
    requestId,
    ...extra,
  });
}

function netError(code: string | undefined, message: string, name = "Error") {
  const e = new Error(message) as Error & { code?: string };
  e.name = name;
  if (code) e.code = code;
  return e;
}

describe("toEcsError", () => {
  test("an SDK ClientError becomes EcsError with the documented message", () => {
    const e = toEcsError(
      sdkError(ClientError, 403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation."),
      "ResetDisk",
    );
    expect(e).toBeInstanceOf(EcsError);
    expect(e).toMatchObject({ action: "ResetDisk", code: "IncorrectInstanceStatus", httpStatus: 403, requestId: "5C41A2B0-REQ" });
    expect(e.message).toMatch(
      /^ECS ResetDisk failed: IncorrectInstanceStatus \(HTTP 403, request 5C41A2B0-REQ\): The current status of the resource does not support this operation\. Remedy: .+/,
    );
    expect(e.message).not.toContain("..");
  });

  test("throttling keeps retry-after; unknown codes get a remedy by class, or the Recommend link", () => {
    const t = toEcsError(sdkError(ThrottlingError, 400, "Throttling.User", "Request was denied due to user flow control.", { retryAfter: 250 }), "StopInstance");
    expect(t.retryAfterMs).toBe(250);
    expect(t.remedy).toBeTruthy();
    const unknown = toEcsError(
      sdkError(ClientError, 400, "Weird.Code", "odd", { Recommend: "https://api.aliyun.com/troubleshoot?q=Weird.Code" }),
      "StopInstance",
    );
    expect(unknown.remedy).toContain("https://api.aliyun.com/troubleshoot?q=Weird.Code");
  });

  test("network failures have no HTTP status and say so", () => {
    const e = toEcsError(netError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9"), "DescribeInstances");
    expect(e.code).toBe("ECONNREFUSED");
    expect(e.httpStatus).toBeUndefined();
    expect(e.message).toMatch(/^ECS DescribeInstances failed: ECONNREFUSED \(no HTTP response\): connect ECONNREFUSED/);
  });

  test("credential problems name the env vars and config keys to set", () => {
    const e = toEcsError(new CredentialsError("No Alibaba Cloud credentials found"), "DescribeRegions");
    expect(e.code).toBe("MissingCredentials");
    for (const name of ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "alicloud:accessKey", "alicloud:secretKey"]) {
      expect(e.message).toContain(name);
    }
  });

  test("an EcsError passes through unchanged", () => {
    const e = new EcsError({ action: "StartInstance", code: "X", detail: "y" });
    expect(toEcsError(e, "Other")).toBe(e);
  });
});

describe("classifyError", () => {
  test.each([
    [sdkError(ThrottlingError, 400, "Throttling.User", "flow control"), "throttling"],
    [sdkError(ClientError, 429, "TooMany", "slow down"), "throttling"],
    [sdkError(ServerError, 503, "ServiceUnavailable", "later"), "server"],
    [sdkError(ServerError, 500, "InternalError", "oops"), "server"],
    [sdkError(ClientError, 400, "InternalError", "The requested services is not available now."), "server"],
    [netError("ECONNRESET", "read ECONNRESET"), "network"],
    [netError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"), "network"],
    [netError(undefined, "ReadTimeout(3000). POST http://h/?a=b failed.", "RequestTimeoutError"), "network"],
    [netError(undefined, "socket hang up"), "network"],
    [sdkError(ClientError, 403, "Operation.Conflict", "conflict"), "conflict"],
    [sdkError(ClientError, 403, "InvalidOperation.DiskResetInProgress", "busy"), "conflict"],
    [sdkError(ClientError, 403, "IncorrectInstanceStatus", "status"), "terminal"],
    [sdkError(ClientError, 404, "InvalidDiskId.NotFound", "gone"), "terminal"],
    [new Error("plain bug"), "terminal"],
    ["not even an error", "terminal"],
  ])("case %#", (err, expected) => {
    expect(classifyError(err)).toBe(expected);
  });
});

describe("scrubbing", () => {
  test("query strings, JSON, headers and signatures lose their secret values", () => {
    const text =
      'POST /?InstanceId=i-1&Password=Hunter2!x&Signature=abcd1234 {"AccessKeySecret":"s3cr3t","SecurityToken":"tok"} ' +
      "authorization: ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host,Signature=ff00";
    const out = redact(text);
    for (const secret of ["Hunter2!x", "abcd1234", "s3cr3t", "tok\"", "ff00"]) expect(out).not.toContain(secret);
    expect(out).toContain("InstanceId=i-1");
  });

  test("registered secrets are removed verbatim and URL-encoded", () => {
    registerSecret("my/very+secret value");
    const out = redact(`saw my/very+secret value and ${encodeURIComponent("my/very+secret value")}`);
    expect(out).toBe("saw *** and ***");
  });

  test("a network error quoting the request URL keeps no query (the password lives there)", () => {
    const e = toEcsError(
      netError(undefined, "ReadTimeout(100). POST http://127.0.0.1:1/?ImageId=m-1&Password=Pw0rd%21xyz failed.", "RequestTimeoutError"),
      "ReplaceSystemDisk",
    );
    expect(e.message).toContain("POST http://127.0.0.1:1/ failed");
    expect(e.message).not.toContain("Pw0rd");
  });
});
