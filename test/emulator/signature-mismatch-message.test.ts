// HMAC-SHA1 SignatureDoesNotMatch says, as ECS does, "server string to sign is:<the string>", so
// aliyun-python-sdk-core can tell a wrong secret (its own string matches: InvalidAccessKeySecret)
// from a wrongly built request. Secrets in it (a ReplaceSystemDisk Password) are masked, by the
// same rule as the call log's.
import type { RunningEmulator } from "../../emulator";
import { isSecretParamName, SECRET_MASK } from "../../emulator/protocol/secret-params";
import { rpcStringToSign } from "../../emulator/protocol/signature-v1";
import { MASK, sanitizeParams } from "../../emulator/server/call-log";
import { decodedQuery, legacyUrl, rawRequest, start } from "./support/harness";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({ timeScale: 0 });
});
afterAll(() => emu.close());

test("the message ends with the string to sign the client computed, when nothing in it is secret", async () => {
  const url = legacyUrl({ Action: "DescribeRegions" }, "GET", "wrong-secret");
  const r = await rawRequest(emu, "GET", url);
  expect([r.status, r.body.Code]).toEqual([400, "SignatureDoesNotMatch"]);
  const clientStringToSign = rpcStringToSign("GET", decodedQuery(url));
  expect(r.body.Message).toBe(`Specified signature does not match our calculation. server string to sign is:${clientStringToSign}`);
  // aliyun-python-sdk-core reads it as message.split(':')[1].
  expect(r.body.Message.split(":")[1]).toBe(clientStringToSign);
});

test("a password in the string to sign is masked", async () => {
  const password = "Secr3t!Passw0rd";
  const url = legacyUrl({ Action: "ReplaceSystemDisk", InstanceId: "i-x", ImageId: "m-x", Password: password }, "GET", "wrong-secret");
  const r = await rawRequest(emu, "GET", url);
  expect(r.body.Code).toBe("SignatureDoesNotMatch");
  expect(r.body.Message.split(":")[1]).toBe(rpcStringToSign("GET", { ...decodedQuery(url), Password: SECRET_MASK }));
  expect(r.body.Message).not.toContain("Secr3t");
});

test("the string to sign masks exactly what the call log masks", () => {
  const names = ["Password", "password", "AccessKeySecret", "SecurityToken", "ClientToken", "NextToken", "InstanceId", "Description", "BearerToken"];
  const logged = sanitizeParams(Object.fromEntries(names.map((n) => [n, "v"])));
  for (const name of names) {
    if (logged[name] === undefined) continue; // authentication parameters are dropped from the log altogether
    expect([name, logged[name] === MASK]).toEqual([name, isSecretParamName(name)]);
  }
  expect(SECRET_MASK).toBe(MASK);
});
