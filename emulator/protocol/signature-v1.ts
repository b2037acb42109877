// Legacy RPC signature (HMAC-SHA1, SignatureVersion 1.0): `Signature` over all parameters.
import { createHmac } from "crypto";
import { apiError } from "./errors";
import { percentEncode } from "./encode";

export function rpcStringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join("&");
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

export function verifyRpcV1(method: string, params: Record<string, string>, secret: string): void {
  const expected = createHmac("sha1", `${secret}&`).update(rpcStringToSign(method, params)).digest("base64");
  if (expected !== params.Signature) throw apiError("SignatureDoesNotMatch");
}
