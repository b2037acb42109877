// Authenticates a request with either scheme: ACS3 (Authorization header, HMAC-SHA256 or HMAC-SM3)
// or the legacy HMAC-SHA1 (Signature parameter). Order: key, token, timestamp, signature, nonce.
import type { AccessKeyRecord } from "../model/types";
import type { Acs3Algorithm } from "./acs3-algorithms";
import { apiError, missing } from "./errors";
import { header, type DecodedRequest } from "./request";
import { checkSignedHeaders, parseAuthorization, verifyAcs3 } from "./signature-v3";
import { verifyRpcV1 } from "./signature-v1";
import { checkTimestamp, type NonceCache } from "./timestamps";

export type SignatureScheme = Acs3Algorithm | "HMAC-SHA1";

export interface Authenticated {
  accessKeyId: string;
  scheme: SignatureScheme;
}

/** Parameters that carry authentication, never business data (removed from the call log). */
export const AUTH_PARAMS = [
  "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType", "Timestamp",
  "AccessKeyId", "SecurityToken", "BearerToken",
];

function lookup(keys: Map<string, AccessKeyRecord>, id: string): AccessKeyRecord {
  const key = keys.get(id);
  if (!key) throw apiError("InvalidAccessKeyId.NotFound");
  return key;
}

function checkToken(key: AccessKeyRecord, token: string | undefined): void {
  if (key.SecurityToken) {
    if (token === undefined || token === "") throw apiError("MissingSecurityToken");
    if (token !== key.SecurityToken) throw apiError("InvalidSecurityToken.MismatchWithAccessKey");
  } else if (token !== undefined && token !== "") {
    throw apiError("InvalidSecurityToken.MismatchWithAccessKey");
  }
}

export function authenticate(req: DecodedRequest, keys: Map<string, AccessKeyRecord>, nonces: NonceCache): Authenticated {
  const authorization = header(req, "authorization");
  if (authorization !== undefined) {
    const auth = parseAuthorization(authorization);
    const key = lookup(keys, auth.accessKeyId);
    checkToken(key, header(req, "x-acs-security-token"));
    const date = header(req, "x-acs-date");
    if (!date) throw missing("x-acs-date");
    const nonce = header(req, "x-acs-signature-nonce");
    if (!nonce) throw missing("x-acs-signature-nonce");
    if (header(req, "x-acs-content-sha256") === undefined) throw missing("x-acs-content-sha256");
    checkTimestamp(date);
    checkSignedHeaders(req, auth);
    verifyAcs3(req, auth, key.AccessKeySecret);
    if (!nonces.use(key.AccessKeyId, nonce)) throw apiError("SignatureNonceUsed");
    return { accessKeyId: key.AccessKeyId, scheme: auth.algorithm };
  }
  const p = req.params;
  if (p.Signature === undefined) throw apiError("IncompleteSignature");
  for (const name of ["AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"]) {
    if (!p[name]) throw missing(name);
  }
  if (p.SignatureMethod !== "HMAC-SHA1" || p.SignatureVersion !== "1.0") throw apiError("IncompleteSignature");
  const key = lookup(keys, p.AccessKeyId);
  checkToken(key, p.SecurityToken);
  checkTimestamp(p.Timestamp);
  verifyRpcV1(req.method, p, key.AccessKeySecret);
  if (!nonces.use(key.AccessKeyId, p.SignatureNonce)) throw apiError("SignatureNonceUsed");
  return { accessKeyId: key.AccessKeyId, scheme: "HMAC-SHA1" };
}
