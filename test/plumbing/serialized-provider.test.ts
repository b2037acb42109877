import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { DiskRestore, SystemDiskReplacement } from "../../provider";
import { captureRegistrations, CapturedRegistration } from "../support/capture-provider";
import { isSecret } from "../support/plugin-harness";

const ACCESS_KEY_ID = "LTAI5tPlumbingTestKeyId";
const ACCESS_KEY_SECRET = "plumbing-test-secret-value-1234";
const PASSWORD = "Sup3r-Secret!Pw";

describe("serialized provider", () => {
  let regs: CapturedRegistration[];
  let restore: DiskRestore;
  let replacement: SystemDiskReplacement;

  beforeAll(async () => {
    // Credentials in this process must never be captured into the shim.
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = ACCESS_KEY_ID;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = ACCESS_KEY_SECRET;
    regs = await captureRegistrations(
      () => {
        restore = new DiskRestore("restore", { disks: [{ diskId: "d-1", snapshotId: "s-1" }], instanceId: "i-1" });
        replacement = new SystemDiskReplacement("replace", { instanceId: "i-1", imageId: "img-1", password: PASSWORD });
        return [restore, replacement];
      },
      {
        outputs: (args) =>
          args.name === "restore"
            ? { regionId: "cn-hangzhou", instanceStatusBefore: "Running", instanceStatusAfter: "Running", requestIds: ["r-1"], restoredAt: "2024-01-01T00:00:00Z", results: [] }
            : { regionId: "cn-hangzhou", systemDiskId: "d-new", previousSystemDiskId: "d-old", previousImageId: "img-0", requestId: "r-2", replacedAt: "2024-01-01T00:00:00Z", instanceStatusBefore: "Running", instanceStatusAfter: "Running", clientToken: "tok" },
      },
    );
  });

  afterAll(() => {
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
    delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  });

  it("registers both kinds with their type tokens and a provider string", () => {
    expect(regs.map((r) => r.type).sort()).toEqual([
      "pulumi-nodejs:dynamic/diskops:DiskRestore",
      "pulumi-nodejs:dynamic/diskops:SystemDiskReplacement",
    ]);
    for (const r of regs) expect(r.provider).toContain("exports.handler");
  });

  it("is under 4 KB and loads the logic by package name", () => {
    for (const r of regs) {
      expect(Buffer.byteLength(r.provider, "utf8")).toBeLessThan(4096);
      expect(r.provider).toContain('require(process.env.DISKOPS_LOGIC_MODULE || "pulumi-alicloud-diskops/implementation")');
    }
  });

  it("captures the kind string and nothing secret or machine-specific", () => {
    const restoreShim = regs.find((r) => r.name === "restore")!.provider;
    const replaceShim = regs.find((r) => r.name === "replace")!.provider;
    expect(restoreShim).toContain('kind: "DiskRestore"');
    expect(replaceShim).toContain('kind: "SystemDiskReplacement"');
    for (const r of regs) {
      for (const forbidden of [ACCESS_KEY_ID, ACCESS_KEY_SECRET, PASSWORD, "/work/", process.cwd(), os.homedir(), path.resolve(__dirname, "..", "..")]) {
        expect(r.provider).not.toContain(forbidden);
      }
      // No string literal holding an absolute path (POSIX or Windows).
      expect(r.provider).not.toMatch(/["'`](\/[A-Za-z_.]|[A-Za-z]:\\)/);
    }
  });

  it("sends the password as a secret and marks it as a secret output", () => {
    const reg = regs.find((r) => r.name === "replace")!;
    expect(isSecret(reg.inputs.password)).toBe(true);
    expect((reg.inputs.password as any).value).toBe(PASSWORD);
    expect(reg.additionalSecretOutputs).toEqual(["password"]);
    expect(regs.find((r) => r.name === "restore")!.additionalSecretOutputs).toEqual([]);
  });

  it("registers every declared output of DiskRestore", async () => {
    const keys = ["disks", "instanceId", "regionId", "powerPolicy", "forceStop", "stoppedMode", "strategy", "preflight", "timeouts", "triggers", "instanceStatusBefore", "instanceStatusAfter", "requestIds", "restoredAt", "results"];
    for (const k of keys) expect(pulumi.Output.isInstance((restore as any)[k])).toBe(true);
    expect(await valueOf(restore.restoredAt)).toBe("2024-01-01T00:00:00Z");
    expect(await valueOf(restore.requestIds)).toEqual(["r-1"]);
    expect(await valueOf(restore.disks)).toEqual([{ diskId: "d-1", snapshotId: "s-1" }]);
  });

  it("registers every declared output of SystemDiskReplacement, the password as a secret", async () => {
    const keys = ["instanceId", "imageId", "systemDiskSize", "password", "passwordInherit", "keyPairName", "encrypted", "kmsKeyId", "securityEnhancementStrategy", "useAdditionalService", "regionId", "powerPolicy", "forceStop", "stoppedMode", "preflight", "timeouts", "triggers", "systemDiskId", "previousSystemDiskId", "previousImageId", "requestId", "replacedAt", "instanceStatusBefore", "instanceStatusAfter", "clientToken"];
    for (const k of keys) expect(pulumi.Output.isInstance((replacement as any)[k])).toBe(true);
    expect(await valueOf(replacement.systemDiskId)).toBe("d-new");
    expect(await valueOf(replacement.clientToken)).toBe("tok");
    expect(await pulumi.isSecret(replacement.password)).toBe(true);
    expect(await pulumi.isSecret(replacement.systemDiskId)).toBe(false);
  });
});

function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}
