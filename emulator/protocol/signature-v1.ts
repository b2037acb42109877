// Legacy RPC signature (HMAC-SHA1, SignatureVersion 1.0): `Signature` over all parameters.
import { createHmac } from "crypto";
import { apiError } from "./errors";
import { percentEncode } from "./encode";
import { isSecretParamName, SECRET_MASK } from "./secret-params";

export function rpcStringToSign(method: string, params: Record<string, string>, mask = false): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(mask && isSecretParamName(k) ? SECRET_MASK : params[k])}`)
    .join("&");
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

/**
 * Like ECS, the message ends with "server string to sign is:" and the string it computed, so a
 * client can tell a wrong secret from a wrongly built request (aliyun-python-sdk-core compares it
 * with its own). Secret parameters (Password, ...) are masked in it.
 */
export function verifyRpcV1(method: string, params: Record<string, string>, secret: string): void {
  const expected = createHmac("sha1", `${secret}&`).update(rpcStringToSign(method, params)).digest("base64");
  if (expected !== params.Signature) {
    const base = apiError("SignatureDoesNotMatch");
    throw apiError("SignatureDoesNotMatch", undefined, { message: `${base.message} server string to sign is:${rpcStringToSign(method, params, true)}` });
  }
}
