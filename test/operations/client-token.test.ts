import { CREATE_BASIS, replacementClientToken } from "../../provider/operations/client-token";

const base = { instanceId: "i-demo-1", imageId: "m-demo-ubuntu", basis: CREATE_BASIS };

describe("replacementClientToken", () => {
  it("is stable for the same replacement and fits ECS's limit (ASCII, <= 64 chars)", () => {
    const a = replacementClientToken({ ...base, systemDiskSize: 40, triggers: { wave: 1 } });
    const b = replacementClientToken({ ...base, triggers: { wave: 1 }, systemDiskSize: 40 });
    expect(a).toBe(b);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).toMatch(/^[\x21-\x7e]+$/);
  });

  it("changes with triggers, parameters, password and the previous system disk", () => {
    const t = replacementClientToken(base);
    expect(replacementClientToken({ ...base, triggers: { wave: 2 } })).not.toBe(t);
    expect(replacementClientToken({ ...base, imageId: "m-other" })).not.toBe(t);
    expect(replacementClientToken({ ...base, password: "Passw0rd!x" })).not.toBe(t);
    expect(replacementClientToken({ ...base, basis: "d-previous" })).not.toBe(t);
    // trigger key order does not matter
    expect(replacementClientToken({ ...base, triggers: { a: 1, b: 2 } })).toBe(
      replacementClientToken({ ...base, triggers: { b: 2, a: 1 } }),
    );
  });

  it("never depends on the password's value (the token is stored in plain state: no offline guessing oracle)", () => {
    const token = replacementClientToken({ ...base, password: "Passw0rd!x" });
    expect(token).not.toContain("Passw0rd");
    expect(replacementClientToken({ ...base, password: "0ther-Secret9" })).toBe(token);
  });

  it("a password change on update is still a new replacement (the basis moves on)", () => {
    const first = replacementClientToken({ ...base, password: "Passw0rd!x", basis: "d-disk-after-create" });
    const second = replacementClientToken({ ...base, password: "0ther-Secret9", basis: "d-disk-after-first-update" });
    expect(second).not.toBe(first);
  });
});
