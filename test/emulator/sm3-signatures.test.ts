// ACS3-HMAC-SM3: the official client's `signatureAlgorithm: "ACS3-HMAC-SM3"` is verified like the
// SHA-256 default; the SM3 digest is checked against the standard's vectors (GB/T 32905-2016).
import type { RunningEmulator } from "../../emulator";
import { acs3Hash, acs3Hmac, isAcs3Algorithm } from "../../emulator/protocol/acs3-algorithms";
import { $Ecs, DEMO_ACCESS_KEY, REGION, captureRequest, expectEcsError, replay, sdk, start } from "./support/harness";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({ timeScale: 0 });
});
afterAll(() => emu.close());

test("SM3 matches the standard's test vectors", () => {
  expect(isAcs3Algorithm("ACS3-HMAC-SM3")).toBe(true);
  expect(acs3Hash("ACS3-HMAC-SM3", "abc")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  expect(acs3Hash("ACS3-HMAC-SM3", "abcd".repeat(16))).toBe("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  // HMAC is the generic construction over SM3 (64-byte blocks): not SHA-256's.
  expect(acs3Hmac("ACS3-HMAC-SM3", "key", "abc")).not.toBe(acs3Hmac("ACS3-HMAC-SHA256", "key", "abc"));
});

test("the official client signing with ACS3-HMAC-SM3 is answered", async () => {
  const client = sdk(emu, { signatureAlgorithm: "ACS3-HMAC-SM3" });
  const r = await client.describeRegions(new $Ecs.DescribeRegionsRequest({}));
  expect(r.statusCode).toBe(200);
  expect(r.body!.regions!.region!.map((x) => x.regionId)).toContain(REGION);
});

test("an SM3 request is verified: a wrong secret or an altered query is refused", async () => {
  await expectEcsError(
    sdk(emu, { signatureAlgorithm: "ACS3-HMAC-SM3", accessKeySecret: "not-the-secret" }).describeRegions(new $Ecs.DescribeRegionsRequest({})),
    "SignatureDoesNotMatch",
    400,
  );
  const captured = await captureRequest((port) =>
    sdk(emu, { port, signatureAlgorithm: "ACS3-HMAC-SM3" }).describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION })),
  );
  expect(captured.headers.authorization).toMatch(new RegExp(`^ACS3-HMAC-SM3 Credential=${DEMO_ACCESS_KEY.AccessKeyId},`));
  const altered = await replay(emu, captured, (c) => ({ ...c, url: c.url.replace("cn-hangzhou", "cn-shanghai") }));
  expect([altered.status, altered.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
  expect((await replay(emu, captured)).status).toBe(200);
});
