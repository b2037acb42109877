// ACS3 signatures: Authorization header over the canonical request, with HMAC-SHA256 (the SDK
// default) or HMAC-SM3 (the SDKs' `signatureAlgorithm: "ACS3-HMAC-SM3"`).
import { acs3Hash, acs3Hmac, isAcs3Algorithm, type Acs3Algorithm } from "./acs3-algorithms";
import { apiError } from "./errors";
import { percentEncode } from "./encode";
import { header, type DecodedRequest } from "./request";

export interface Acs3Authorization {
  algorithm: Acs3Algorithm;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(value: string): Acs3Authorization {
  const m = /^(\S+)\s+(.+)$/.exec(value.trim());
  if (!m || !isAcs3Algorithm(m[1])) throw apiError("IncompleteSignature");
  const parts: Record<string, string> = {};
  for (const part of m[2].split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) parts[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (!parts.Credential || !parts.SignedHeaders || !parts.Signature) throw apiError("IncompleteSignature");
  return {
    algorithm: m[1] as Acs3Algorithm,
    accessKeyId: parts.Credential,
    signedHeaders: parts.SignedHeaders.split(";").map((h) => h.trim().toLowerCase()),
    signature: parts.Signature.toLowerCase(),
  };
}

/** Every x-acs-* header and host must be signed; every signed header must be present. */
export function checkSignedHeaders(req: DecodedRequest, auth: Acs3Authorization): void {
  const present = Object.keys(req.headers).map((h) => h.toLowerCase());
  const mustSign = present.filter((h) => h.startsWith("x-acs-") || h === "host");
  if (mustSign.some((h) => !auth.signedHeaders.includes(h))) throw apiError("IncompleteSignature");
  if (auth.signedHeaders.some((h) => !present.includes(h))) throw apiError("IncompleteSignature");
}

export function canonicalRequest(req: DecodedRequest, signedHeaders: string[], payloadHash: string): string {
  const query = [...req.queryPairs]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
  const headers = [...signedHeaders]
    .sort()
    .map((h) => `${h}:${(header(req, h) ?? "").trim()}\n`)
    .join("");
  return [req.method, req.path || "/", query, headers, [...signedHeaders].sort().join(";"), payloadHash].join("\n");
}

/** Throws SignatureDoesNotMatch unless the request is signed with `secret`. */
export function verifyAcs3(req: DecodedRequest, auth: Acs3Authorization, secret: string): void {
  const claimed = header(req, "x-acs-content-sha256");
  const actual = acs3Hash(auth.algorithm, req.body);
  if (claimed !== undefined && claimed.toLowerCase() !== actual) throw apiError("SignatureDoesNotMatch");
  const stringToSign = `${auth.algorithm}\n${acs3Hash(auth.algorithm, canonicalRequest(req, auth.signedHeaders, claimed ?? actual))}`;
  const expected = acs3Hmac(auth.algorithm, secret, stringToSign);
  if (expected !== auth.signature) throw apiError("SignatureDoesNotMatch");
}
