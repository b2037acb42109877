// Every validation rule of check, with its exact message; unknown values are never judged.
import { validateDiskRestore } from "../../provider/disk-restore/validate";
import { validateSystemDiskReplacement } from "../../provider/system-disk-replacement/validate";
import { parseDuration } from "../../provider/common/validation-rules";
import { UNKNOWN } from "../../provider/common/types";

const disk = (i: number) => ({ diskId: `d-bp199lyny9b3${i}`, snapshotId: `s-bp199lyny9b3${i}` });
const dr = (extra: Record<string, unknown> = {}) => validateDiskRestore({ disks: [disk(1)], ...extra }).failures;
const sdr = (extra: Record<string, unknown> = {}) =>
  validateSystemDiskReplacement({ instanceId: "i-bp67acfmxazb4ph1", imageId: "m-bp67acfmxazb4ph1", ...extra }).failures;

describe("DiskRestore validation", () => {
  test("valid inputs, including the docs' example ids and demo ids, pass", () => {
    expect(dr()).toEqual([]);
    expect(validateDiskRestore({ disks: [{ diskId: "d-bp199lyny9b3****", snapshotId: "s-bp199lyny9b3****" }] }).failures).toEqual([]);
    expect(validateDiskRestore({ disks: [{ diskId: "d-demo-web-1-data-1", snapshotId: "s-demo-web-1-data-1-20250101" }], instanceId: "i-demo-web-1", regionId: "cn-hangzhou", powerPolicy: "fail-if-running", strategy: "batch", stoppedMode: "StopCharging", forceStop: true, preflight: false, timeouts: { stop: 90, restore: "10m", start: "1h" }, triggers: { any: [1, "x"] } }).failures).toEqual([]);
  });

  test("disks: required, list, 1 to 10, objects", () => {
    expect(validateDiskRestore({}).failures).toEqual([{ property: "disks", reason: "is required: a list of 1 to 10 { diskId, snapshotId } pairs" }]);
    expect(dr({ disks: "d-1" })).toEqual([{ property: "disks", reason: 'must be a list of 1 to 10 { diskId, snapshotId } pairs, got the string "d-1"' }]);
    expect(dr({ disks: [] })).toEqual([{ property: "disks", reason: "has 0 entries: give 1 to 10 disks (ResetDisks takes at most 10)" }]);
    expect(dr({ disks: Array.from({ length: 11 }, (_, i) => disk(i)) })).toEqual([{ property: "disks", reason: "has 11 entries: give 1 to 10 disks (ResetDisks takes at most 10)" }]);
    expect(dr({ disks: [disk(1), 7] })).toEqual([{ property: "disks[1]", reason: "must be an object { diskId, snapshotId }, got number 7" }]);
  });

  test("disk and snapshot ids: required, shaped, no duplicates, no unknown keys", () => {
    expect(dr({ disks: [disk(1), { diskId: "d-2" }] })).toEqual([{ property: "disks[1].snapshotId", reason: "is required: the id of a snapshot of that disk (s-...)" }]);
    expect(dr({ disks: [disk(1), { diskId: "d-2", snapshotId: "snap-2" }] })).toEqual([
      { property: "disks[1].snapshotId", reason: '"snap-2" is not a snapshot id: expected the shape s-bp199lyny9b3****' },
    ]);
    expect(dr({ disks: [{ diskId: "i-1", snapshotId: "s-1" }] })).toEqual([
      { property: "disks[0].diskId", reason: '"i-1" is not a disk id: expected the shape d-bp199lyny9b3****' },
    ]);
    expect(dr({ disks: [{ diskId: 12, snapshotId: "s-1" }] })).toEqual([
      { property: "disks[0].diskId", reason: "must be a disk id (a string such as d-bp199lyny9b3****), got number 12" },
    ]);
    expect(dr({ disks: [disk(1), disk(2), { ...disk(1), snapshotId: "s-other" }] })).toEqual([
      { property: "disks[2].diskId", reason: "disk d-bp199lyny9b31 is already listed as disks[0]: each disk may appear once" },
    ]);
    expect(dr({ disks: [{ ...disk(1), device: "/dev/xvdb" }] })).toEqual([
      { property: "disks[0].device", reason: "unknown property: each disk has only diskId and snapshotId" },
    ]);
  });

  test("instanceId, regionId, strategy, powerPolicy, stoppedMode, booleans", () => {
    expect(dr({ instanceId: "d-1" })).toEqual([{ property: "instanceId", reason: '"d-1" is not an instance id: expected the shape i-bp67acfmxazb4ph****' }]);
    expect(dr({ regionId: "Hangzhou" })).toEqual([{ property: "regionId", reason: '"Hangzhou" is not a region id: expected the shape cn-hangzhou' }]);
    expect(dr({ strategy: "parallel" })).toEqual([{ property: "strategy", reason: 'must be one of "per-disk", "batch", got the string "parallel"' }]);
    expect(dr({ powerPolicy: "stop" })).toEqual([
      { property: "powerPolicy", reason: 'must be one of "restore", "start", "leave-stopped", "fail-if-running", got the string "stop"' },
    ]);
    expect(dr({ stoppedMode: "keep" })).toEqual([{ property: "stoppedMode", reason: 'must be one of "KeepCharging", "StopCharging", got the string "keep"' }]);
    expect(dr({ forceStop: "yes" })).toEqual([{ property: "forceStop", reason: 'must be true or false, got the string "yes"' }]);
    expect(dr({ preflight: 0 })).toEqual([{ property: "preflight", reason: "must be true or false, got number 0" }]);
  });

  test("timeouts: parseable, positive, known keys", () => {
    expect(dr({ timeouts: { stop: "ten minutes" } })).toEqual([
      { property: "timeouts.stop", reason: 'must be a positive number of seconds (90) or a duration string such as "90s", "10m", "1h", got the string "ten minutes"' },
    ]);
    expect(dr({ timeouts: { start: 0 } })).toEqual([
      { property: "timeouts.start", reason: 'must be positive: a positive number of seconds (90) or a duration string such as "90s", "10m", "1h", got number 0' },
    ]);
    expect(dr({ timeouts: { replace: "10m" } })).toEqual([{ property: "timeouts.replace", reason: 'unknown timeout "replace": allowed are stop, restore, start' }]);
    expect(dr({ timeouts: "10m" })).toEqual([{ property: "timeouts", reason: 'must be an object with any of stop, restore, start, got the string "10m"' }]);
  });

  test("unknown values (preview) are not judged, at any depth", () => {
    expect(dr({ disks: UNKNOWN })).toEqual([]);
    expect(dr({ disks: [UNKNOWN, { diskId: UNKNOWN, snapshotId: "s-1" }, { diskId: "d-1", snapshotId: UNKNOWN }] })).toEqual([]);
    expect(dr({ instanceId: UNKNOWN, regionId: UNKNOWN, powerPolicy: UNKNOWN, timeouts: { stop: UNKNOWN }, forceStop: UNKNOWN })).toEqual([]);
  });

  test("the returned inputs are the program's, minus a stale plan", () => {
    const { inputs } = validateDiskRestore({ disks: [disk(1)], plan: ["old"], powerPolicy: "start" });
    expect(inputs).toEqual({ disks: [disk(1)], powerPolicy: "start" });
  });
});

describe("parseDuration", () => {
  test.each([
    [90, 90],
    ["90", 90],
    ["90s", 90],
    ["10m", 600],
    ["1h", 3600],
    ["1h30m", 5400],
    [" 2M ", 120],
  ])("%p -> %p seconds", (input, seconds) => expect(parseDuration(input, "t")).toBe(seconds));
  test.each([[-1], [0], ["0s"], ["abc"], ["10 minutes"], [Infinity]])("%p is refused", (input) => {
    expect(parseDuration(input as any, "t")).toHaveProperty("reason");
  });
});

describe("SystemDiskReplacement validation", () => {
  test("valid inputs, including public image names, pass", () => {
    expect(sdr()).toEqual([]);
    expect(sdr({ imageId: "ubuntu_22_04_x64_20G_alibase_20240101.vhd", systemDiskSize: 500, password: "EcsV587!", encrypted: true, kmsKeyId: "e522b26d-abf6-4e0d-b5da-04b7******3c", securityEnhancementStrategy: "Deactive", useAdditionalService: true, timeouts: { replace: "30m" } })).toEqual([]);
    expect(sdr({ keyPairName: "kp-demo", systemDiskSize: 20 })).toEqual([]);
    expect(sdr({ passwordInherit: true })).toEqual([]);
  });

  test("instanceId and imageId are required and shaped", () => {
    expect(validateSystemDiskReplacement({}).failures).toEqual([
      { property: "instanceId", reason: "is required: the id of the instance whose system disk is replaced (i-...)" },
      { property: "imageId", reason: "is required: the image the new system disk is created from (m-... or a public image id)" },
    ]);
    expect(sdr({ instanceId: "web-1" })).toEqual([{ property: "instanceId", reason: '"web-1" is not an instance id: expected the shape i-bp67acfmxazb4ph****' }]);
    expect(sdr({ imageId: "m-" })).toEqual([
      { property: "imageId", reason: '"m-" is not an image id: expected the shape m-bp67acfmxazb4ph**** or ubuntu_22_04_x64_20G_alibase_20240101.vhd' },
    ]);
  });

  test("systemDiskSize: whole GiB from 20 to 500", () => {
    expect(sdr({ systemDiskSize: 19 })).toEqual([{ property: "systemDiskSize", reason: "19 GiB is out of range: must be a whole number of GiB from 20 to 500" }]);
    expect(sdr({ systemDiskSize: 501 })).toEqual([{ property: "systemDiskSize", reason: "501 GiB is out of range: must be a whole number of GiB from 20 to 500" }]);
    expect(sdr({ systemDiskSize: 40.5 })).toEqual([{ property: "systemDiskSize", reason: "must be a whole number of GiB from 20 to 500, got number 40.5" }]);
    expect(sdr({ systemDiskSize: "40" })).toEqual([{ property: "systemDiskSize", reason: 'must be a whole number of GiB from 20 to 500, got the string "40"' }]);
  });

  const rule = "8-30 characters with at least three of: upper case, lower case, digits, special characters (( ) ` ~ ! @ # $ % ^ & * - _ + = | { } [ ] : ; ' < > , . ? /)";
  test.each([
    ["Ab1!", `has 4 characters: must be ${rule}`],
    ["Abcdefgh1!Abcdefgh1!Abcdefgh1!x", `has 31 characters: must be ${rule}`],
    ["abcdefgh", `uses only 1 kind(s) of character: must be ${rule}`],
    ["abcdefg1", `uses only 2 kind(s) of character: must be ${rule}`],
    ["Abcdefg1 x", "contains 1 character(s) that are not allowed: use only letters, digits and ( ) ` ~ ! @ # $ % ^ & * - _ + = | { } [ ] : ; ' < > , . ? /"],
    ["Abcdefg1\"x", "contains 1 character(s) that are not allowed: use only letters, digits and ( ) ` ~ ! @ # $ % ^ & * - _ + = | { } [ ] : ; ' < > , . ? /"],
  ])("password policy: %#", (password, reason) => {
    const failures = sdr({ password });
    expect(failures).toEqual([{ property: "password", reason }]);
    expect(failures[0].reason).not.toContain(password);
  });

  test.each(["EcsV587!", "abcdef1!", "ABCDEF1(", "a`~!@#$%^&*-_+=|{}[]:;'<>,.?/1"])("password %p is accepted", (password) => {
    expect(sdr({ password })).toEqual([]);
  });

  test("password, passwordInherit and keyPairName combinations", () => {
    expect(sdr({ password: "EcsV587!", passwordInherit: true })).toEqual([
      { property: "passwordInherit", reason: "cannot be true together with password: the image's preset password is kept only when no password is given (InvalidPasswordParam.Mismatch); drop one of them" },
    ]);
    expect(sdr({ password: "EcsV587!", keyPairName: "kp-demo" })).toEqual([
      { property: "keyPairName", reason: "cannot be combined with password: give either a key pair (Linux) or a password" },
    ]);
    expect(sdr({ passwordInherit: true, keyPairName: "kp-demo" })).toEqual([
      { property: "keyPairName", reason: "cannot be combined with passwordInherit: give either a key pair or passwordInherit" },
    ]);
    expect(sdr({ passwordInherit: false, password: "EcsV587!" })).toEqual([]);
    expect(sdr({ keyPairName: "9bad" })).toEqual([{ property: "keyPairName", reason: '"9bad" is not a key pair name: expected the shape my-keypair' }]);
  });

  test("kmsKeyId only with encrypted: true; securityEnhancementStrategy values", () => {
    expect(sdr({ kmsKeyId: "key-1" })).toEqual([
      { property: "kmsKeyId", reason: "is allowed only with encrypted: true (InvalidEncrypted.NotMatchKmsKeyId): set encrypted: true or drop kmsKeyId" },
    ]);
    expect(sdr({ kmsKeyId: "key-1", encrypted: false })).toHaveLength(1);
    expect(sdr({ kmsKeyId: "k".repeat(65), encrypted: true })).toEqual([
      { property: "kmsKeyId", reason: `must be a KMS key id of 1 to 64 characters, got the string "${"k".repeat(40)}…"` },
    ]);
    expect(sdr({ securityEnhancementStrategy: "On" })).toEqual([
      { property: "securityEnhancementStrategy", reason: 'must be one of "Active", "Deactive", got the string "On"' },
    ]);
    expect(sdr({ encrypted: "true" })).toEqual([{ property: "encrypted", reason: 'must be true or false, got the string "true"' }]);
  });

  test("timeouts use stop/replace/start; unknowns are not judged", () => {
    expect(sdr({ timeouts: { restore: "1m" } })).toEqual([{ property: "timeouts.restore", reason: 'unknown timeout "restore": allowed are stop, replace, start' }]);
    expect(sdr({ instanceId: UNKNOWN, imageId: UNKNOWN, systemDiskSize: UNKNOWN, password: UNKNOWN, kmsKeyId: "k", encrypted: UNKNOWN })).toEqual([]);
  });
});
