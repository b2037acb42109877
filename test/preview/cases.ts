// Check cases shared by the direct tests and the tests through the real plugin: the inputs a
// program sends and the exact failures check must answer with (demo fleet of the emulator).
import { remedyFor } from "../../provider/common/preflight";
import { UNKNOWN } from "../../provider/common/types";
import { DEMO_IDS } from "../../emulator/demo-fleet";

const { instances: I, disks: D, snapshots: S, images: M } = DEMO_IDS;

export type Kind = "DiskRestore" | "SystemDiskReplacement";
export interface Failure {
  property: string;
  reason: string;
}
export interface CheckCase {
  name: string;
  kind: Kind;
  news: Record<string, unknown>;
  /** Exactly these failures. */
  failures?: Failure[];
  /** At least this failure. */
  includes?: Failure;
  /** Failures matching these (property, reason pattern). */
  matches?: { property: string; reason: RegExp }[];
  /** No failures and exactly this plan. */
  plan?: string[];
}

export const because = (what: string, code: string, action: string) => `${what} (${code}). Remedy: ${remedyFor(code, action)}`;
const pairs = (...p: [string, string][]) => p.map(([diskId, snapshotId]) => ({ diskId, snapshotId }));
const dr = (name: string, news: Record<string, unknown>, expect: Partial<CheckCase>): CheckCase => ({ name, kind: "DiskRestore", news, ...expect });
const sd = (name: string, extra: Record<string, unknown>, expect: Partial<CheckCase>): CheckCase => ({
  name,
  kind: "SystemDiskReplacement",
  news: { instanceId: I.web, imageId: M.ubuntu2404, ...extra },
  ...expect,
});
const one = (property: string, reason: string) => ({ failures: [{ property, reason }] });
const RULE = "8-30 characters with at least three of: upper case, lower case, digits, special characters (( ) ` ~ ! @ # $ % ^ & * - _ + = | { } [ ] : ; ' < > , . ? /)";
const OK_DISKS = pairs([D.webData1, S.webData1]);

export const VALIDATION_CASES: CheckCase[] = [
  dr("disks missing", {}, one("disks", "is required: a list of 1 to 10 { diskId, snapshotId } pairs")),
  dr("no disks", { disks: [] }, one("disks", "has 0 entries: give 1 to 10 disks (ResetDisks takes at most 10)")),
  dr("11 disks", { disks: Array.from({ length: 11 }, (_, i) => ({ diskId: `d-x${i}`, snapshotId: `s-x${i}` })) }, one("disks", "has 11 entries: give 1 to 10 disks (ResetDisks takes at most 10)")),
  dr("duplicate disk", { disks: pairs([D.webData1, S.webData1], [D.webData1, S.webData1Encrypted]) }, one("disks[1].diskId", `disk ${D.webData1} is already listed as disks[0]: each disk may appear once`)),
  dr("bad snapshot id", { disks: pairs([D.webData1, "snap-1"]) }, one("disks[0].snapshotId", '"snap-1" is not a snapshot id: expected the shape s-bp199lyny9b3****')),
  dr("bad disk id", { disks: pairs(["vol-1", S.webData1]) }, one("disks[0].diskId", '"vol-1" is not a disk id: expected the shape d-bp199lyny9b3****')),
  dr("missing snapshot id", { disks: [{ diskId: D.webData1 }] }, one("disks[0].snapshotId", "is required: the id of a snapshot of that disk (s-...)")),
  dr("bad instance id", { disks: OK_DISKS, instanceId: "web-1" }, one("instanceId", '"web-1" is not an instance id: expected the shape i-bp67acfmxazb4ph****')),
  dr("bad region", { disks: OK_DISKS, regionId: "hangzhou" }, one("regionId", '"hangzhou" is not a region id: expected the shape cn-hangzhou')),
  dr("bad powerPolicy", { disks: OK_DISKS, powerPolicy: "reboot" }, one("powerPolicy", 'must be one of "restore", "start", "leave-stopped", "fail-if-running", got the string "reboot"')),
  dr("bad strategy", { disks: OK_DISKS, strategy: "all" }, one("strategy", 'must be one of "per-disk", "batch", got the string "all"')),
  dr("bad stoppedMode", { disks: OK_DISKS, stoppedMode: "Economical" }, one("stoppedMode", 'must be one of "KeepCharging", "StopCharging", got the string "Economical"')),
  dr("bad forceStop", { disks: OK_DISKS, forceStop: "true" }, one("forceStop", 'must be true or false, got the string "true"')),
  dr("bad timeout", { disks: OK_DISKS, timeouts: { restore: "soon" } }, one("timeouts.restore", 'must be a positive number of seconds (90) or a duration string such as "90s", "10m", "1h", got the string "soon"')),
  dr("negative timeout", { disks: OK_DISKS, timeouts: { stop: -5 } }, one("timeouts.stop", 'must be positive: a positive number of seconds (90) or a duration string such as "90s", "10m", "1h", got number -5')),
  dr("unknown timeout key", { disks: OK_DISKS, timeouts: { replace: 60 } }, one("timeouts.replace", 'unknown timeout "replace": allowed are stop, restore, start, snapshot')),
  sd("instance missing", { instanceId: undefined }, one("instanceId", "is required: the id of the instance whose system disk is replaced (i-...)")),
  sd("image missing", { imageId: undefined }, one("imageId", "is required: the image the new system disk is created from (m-... or a public image id)")),
  sd("size too small", { systemDiskSize: 10 }, one("systemDiskSize", "10 GiB is out of range: must be a whole number of GiB from 20 to 500")),
  sd("size too large", { systemDiskSize: 2048 }, one("systemDiskSize", "2048 GiB is out of range: must be a whole number of GiB from 20 to 500")),
  sd("password too short", { password: "Ab1!xyz" }, one("password", `has 7 characters: must be ${RULE}`)),
  sd("password two kinds", { password: "abcdefgh12" }, one("password", `uses only 2 kind(s) of character: must be ${RULE}`)),
  sd("password bad char", { password: "Abcdefg1 z" }, one("password", "contains 1 character(s) that are not allowed: use only letters, digits and ( ) ` ~ ! @ # $ % ^ & * - _ + = | { } [ ] : ; ' < > , . ? /")),
  sd("password + passwordInherit", { password: "EcsV587!", passwordInherit: true }, one("passwordInherit", "cannot be true together with password: the image's preset password is kept only when no password is given (InvalidPasswordParam.Mismatch); drop one of them")),
  sd("password + keyPairName", { password: "EcsV587!", keyPairName: "kp-demo" }, one("keyPairName", "cannot be combined with password: give either a key pair (Linux) or a password")),
  sd("passwordInherit + keyPairName", { passwordInherit: true, keyPairName: "kp-demo" }, one("keyPairName", "cannot be combined with passwordInherit: give either a key pair or passwordInherit")),
  sd("kmsKeyId without encrypted", { kmsKeyId: "kms-demo-key" }, one("kmsKeyId", "is allowed only with encrypted: true (InvalidEncrypted.NotMatchKmsKeyId): set encrypted: true or drop kmsKeyId")),
  sd("bad securityEnhancementStrategy", { securityEnhancementStrategy: "Enabled" }, one("securityEnhancementStrategy", 'must be one of "Active", "Deactive", got the string "Enabled"')),
  sd("bad useAdditionalService", { useAdditionalService: "yes" }, one("useAdditionalService", 'must be true or false, got the string "yes"')),
  sd("bad replace timeout", { timeouts: { replace: "0s" } }, one("timeouts.replace", 'must be positive: a positive number of seconds (90) or a duration string such as "90s", "10m", "1h", got the string "0s"')),
];

const RD = "ResetDisk";
const RSD = "ReplaceSystemDisk";
export const PREFLIGHT_CASES: CheckCase[] = [
  dr("good rollback of a running instance", { disks: pairs([D.webData1, S.webData1], [D.webData2, S.webData2]) }, {
    plan: [
      "run: a new DiskRestore",
      `stop ${I.web} (Running now; powerPolicy restore: it will be started again)`,
      `reset ${D.webData1} -> snapshot ${S.webData1} (ResetDisk)`,
      `reset ${D.webData2} -> snapshot ${S.webData2} (ResetDisk)`,
      `start ${I.web}`,
    ],
  }),
  dr("good batch rollback, leave stopped", { disks: pairs([D.webData1, S.webData1], [D.webData2, S.webData2]), strategy: "batch", powerPolicy: "leave-stopped" }, {
    plan: [
      "run: a new DiskRestore",
      `stop ${I.web} (Running now; powerPolicy leave-stopped: it stays Stopped afterwards)`,
      `reset ${D.webData1} -> snapshot ${S.webData1}, ${D.webData2} -> snapshot ${S.webData2} in one call (ResetDisks)`,
      `leave ${I.web} Stopped (powerPolicy leave-stopped)`,
    ],
  }),
  dr("stopped instance stays stopped", { disks: pairs([D.batchSystem, S.batchSystem]) }, {
    plan: ["run: a new DiskRestore", `${I.batch} is Stopped now: no stop needed`, `reset ${D.batchSystem} -> snapshot ${S.batchSystem} (ResetDisk)`, `leave ${I.batch} Stopped (it was Stopped before; powerPolicy restore)`],
  }),
  // Seen in the region's listing of snapshots still being made (one DescribeSnapshots for every resource checked at once).
  dr("disk with a snapshot still being made", { disks: pairs([D.batchData1, S.batchData1]) }, one("disks[0].diskId", because(`disk ${D.batchData1} has a snapshot still being made (${S.batchData1Progressing}, 0%): ResetDisk refuses it until that snapshot finishes`, "IncorrectDiskStatus.HasUnfinishedSnapshot", RD))),
  dr("disk not found", { disks: pairs([D.webData1, S.webData1], ["d-does-not-exist", S.webData2]) }, one("disks[1].diskId", because("disk d-does-not-exist does not exist in region cn-hangzhou", "InvalidDiskId.NotFound", RD))),
  dr("snapshot not found", { disks: pairs([D.webData1, "s-does-not-exist"]) }, one("disks[0].snapshotId", because("snapshot s-does-not-exist does not exist in region cn-hangzhou", "InvalidSnapshotId.NotFound", RD))),
  dr("snapshot of another disk", { disks: pairs([D.webData1, S.webData2]) }, one("disks[0].snapshotId", because(`snapshot ${S.webData2} was not created from disk ${D.webData1} (it is a snapshot of ${D.webData2})`, "InvalidParameter.Mismatch", RD))),
  dr("snapshot not finished", { disks: pairs([D.batchData1, S.batchData1Progressing]) }, {
    matches: [{ property: "disks[0].snapshotId", reason: new RegExp(`^snapshot ${S.batchData1Progressing} is not finished \\(progressing, \\d+%\\) \\(InvalidSnapshotId\\.NotReady\\)\\. Remedy: .+`) }],
  }),
  dr("snapshot too old", { disks: pairs([D.webData2, S.webData2TooOld]) }, one("disks[0].snapshotId", because(`snapshot ${S.webData2TooOld} was created on 2013-01-01, before 2013-07-15`, "InvalidSnapshot.TooOld", RD))),
  dr("encrypted snapshot, unencrypted disk", { disks: pairs([D.webData1, S.webData1Encrypted]) }, one("disks[0].snapshotId", because(`snapshot ${S.webData1Encrypted} is encrypted but disk ${D.webData1} is not`, "InvalidParameter.Mismatch", RD))),
  dr("disks on different instances", { disks: pairs([D.webData1, S.webData1], [D.batchData1, S.batchData1]) }, one("disks", `the disks are attached to different instances (${D.webData1} on ${I.web}; ${D.batchData1} on ${I.batch}): one DiskRestore rolls back disks of one instance; split it into one resource per instance`)),
  dr("instanceId not the disks' instance", { disks: OK_DISKS, instanceId: I.batch }, one("disks[0].diskId", `disk ${D.webData1} is attached to ${I.web}, not to instanceId ${I.batch}: fix instanceId or the disk id`)),
  dr("instance not found", { disks: OK_DISKS, instanceId: "i-does-not-exist" }, {
    includes: { property: "instanceId", reason: because("instance i-does-not-exist does not exist in region cn-hangzhou", "InvalidInstanceId.NotFound", RD) },
  }),
  dr("instance locked for security", { disks: pairs([D.lockedSystem, S.lockedSystem]) }, one("disks", because(`instance ${I.locked} is locked for security (OperationLocks: security)`, "InstanceLockedForSecurity", RD))),
  dr("instance expired", { disks: pairs([D.expiredSystem, S.expiredSystem]) }, one("disks", because(`instance ${I.expired} is expired or in arrears`, "InstanceExpiredOrInArrears", RD))),
  dr("running with fail-if-running", { disks: OK_DISKS, powerPolicy: "fail-if-running" }, one("powerPolicy", because(`instance ${I.web} is Running and powerPolicy is "fail-if-running": the operation needs it Stopped`, "IncorrectInstanceStatus", RD))),
  dr("local disk", { disks: pairs([D.batchLocal, S.batchData1]) }, {
    includes: { property: "disks[0].diskId", reason: because(`disk ${D.batchLocal} is a ephemeral_ssd disk, which cannot be reset to a snapshot`, "DiskCategory.OperationNotSupported", RD) },
  }),
  dr("multi-attach disk", { disks: pairs([D.batchShared, S.batchShared]) }, one("disks[0].diskId", because(`disk ${D.batchShared} has multi-attach enabled, which does not support ResetDisk`, "InvalidOperation.MultiAttachDisk", RD))),
  dr("preflight off", { disks: pairs([D.webData1, "s-does-not-exist"]), preflight: false }, {
    plan: [
      "run: a new DiskRestore",
      "stop the instance the disks are attached to if it is running (status known at apply; powerPolicy restore: it will be started again)",
      `reset ${D.webData1} -> snapshot s-does-not-exist (ResetDisk)`,
      "start the instance the disks are attached to again if it was running before",
      "preflight: off (preflight: false); plan from the inputs only",
    ],
  }),
  dr("unknown snapshot at preview", { disks: pairs([D.webData1, UNKNOWN]), instanceId: I.web }, {
    plan: [
      "run: a new DiskRestore",
      `stop ${I.web} if it is running (status known at apply; powerPolicy restore: it will be started again)`,
      `reset ${D.webData1} -> snapshot (known at apply) (ResetDisk)`,
      `start ${I.web} again if it was running before`,
      "preflight: skipped, some inputs are known only at apply; the apply checks before stopping anything",
    ],
  }),
  sd("good replacement", { systemDiskSize: 60, keyPairName: "kp-demo" }, {
    plan: [
      "run: a new SystemDiskReplacement",
      `stop ${I.web} (Running now; powerPolicy restore: it will be started again)`,
      `replace system disk ${D.webSystem} (image ${M.ubuntu2204}, 40 GiB) of ${I.web} with a new disk from image ${M.ubuntu2404} (linux, 20 GiB), 60 GiB; login: key pair kp-demo (ReplaceSystemDisk)`,
      `start ${I.web}`,
    ],
  }),
  sd("fixed-size image without a size", { instanceId: I.batch, imageId: M.debianFixed, password: "EcsV587!" }, {
    plan: [
      "run: a new SystemDiskReplacement",
      `${I.batch} is Stopped now: no stop needed`,
      `replace system disk ${D.batchSystem} (image ${M.ubuntu2204}, 40 GiB) of ${I.batch} with a new disk from image ${M.debianFixed} (linux, 30 GiB), 30 GiB; login: a new password (secret) (ReplaceSystemDisk)`,
      `leave ${I.batch} Stopped (it was Stopped before; powerPolicy restore)`,
    ],
  }),
  sd("instance not found", { instanceId: "i-does-not-exist" }, one("instanceId", because("instance i-does-not-exist does not exist in region cn-hangzhou", "InvalidInstanceId.NotFound", RSD))),
  sd("image not found", { imageId: "m-does-not-exist" }, one("imageId", because("image m-does-not-exist does not exist in region cn-hangzhou", "InvalidImageId.NotFound", RSD))),
  sd("key pair not found", { keyPairName: "kp-nope" }, one("keyPairName", because("key pair kp-nope does not exist in region cn-hangzhou", "InvalidKeyPairName.NotFound", RSD))),
  sd("key pair on Windows", { instanceId: I.windows, imageId: M.windows2022, keyPairName: "kp-demo" }, one("keyPairName", because(`image ${M.windows2022} is a Windows image: key pairs log in to Linux only; use password instead`, "DependencyViolation.WindowsInstance", RSD))),
  sd("image not available", { imageId: M.deprecated }, one("imageId", because(`image ${M.deprecated} is Deprecated, not Available`, "OperationDenied.ImageNotValid", RSD))),
  sd("size below the image", { imageId: M.centosLarge, systemDiskSize: 40 }, one("systemDiskSize", because(`40 GiB is smaller than image ${M.centosLarge} (80 GiB)`, "InvalidSystemDiskSize.LessThanImageSize", RSD))),
  sd("image cannot be resized", { imageId: M.debianFixed, systemDiskSize: 40 }, one("systemDiskSize", because(`image ${M.debianFixed} cannot be resized: the system disk must be exactly 30 GiB, not 40 GiB (or leave systemDiskSize out)`, "InvalidSystemDiskSize.ImageNotSupportResize", RSD))),
  sd("instance locked", { instanceId: I.locked }, one("instanceId", because(`instance ${I.locked} is locked for security (OperationLocks: security)`, "InstanceLockedForSecurity", RSD))),
  sd("instance expired", { instanceId: I.expired }, one("instanceId", because(`instance ${I.expired} is expired or in arrears`, "InstanceExpiredOrInArrears", RSD))),
  sd("running with fail-if-running", { powerPolicy: "fail-if-running" }, one("powerPolicy", because(`instance ${I.web} is Running and powerPolicy is "fail-if-running": the operation needs it Stopped`, "IncorrectInstanceStatus", RSD))),
];

/** Asserts a check answer against a case (shared by direct and plugin tests). */
export function expectCase(c: CheckCase, result: { inputs: Record<string, unknown>; failures: Failure[] }): void {
  if (c.failures) expect(result.failures).toEqual(c.failures);
  if (c.includes) expect(result.failures).toContainEqual(c.includes);
  if (c.matches) {
    expect(result.failures).toHaveLength(c.matches.length);
    c.matches.forEach((m, i) => {
      expect(result.failures[i].property).toBe(m.property);
      expect(result.failures[i].reason).toMatch(m.reason);
    });
  }
  if (c.plan) {
    expect(result.failures).toEqual([]);
    expect(result.inputs.plan).toEqual(c.plan);
  }
}
