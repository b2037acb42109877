// ACS3-HMAC-SHA256 (the SDK default): Authorization header over the canonical request.
import { createHash, createHmac } from "crypto";
import { apiError } from "./errors";
import { percentEncode } from "./encode";
import { header, type DecodedRequest } from "./request";

export const ACS3 = "ACS3-HMAC-SHA256";

export interface Acs3Authorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(value: string): Acs3Authorization {
  const m = /^(\S+)\s+(.+)$/.exec(value.trim());
  if (!m || m[1] !== ACS3) throw apiError("IncompleteSignature");
  const parts: Record<string, string> = {};
  for (const part of m[2].split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) parts[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  if (!parts.Credential || !parts.SignedHeaders || !parts.Signature) throw apiError("IncompleteSignature");
  return {
    algorithm: m[1],
    accessKeyId: parts.Credential,
    signedHeaders: parts.SignedHeaders.split(";").map((h) => h.trim().toLowerCase()),
    signature: parts.Signature.toLowerCase(),
  };
}

const sha256hex = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

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
  const actual = sha256hex(req.body);
  if (claimed !== undefined && claimed.toLowerCase() !== actual) throw apiError("SignatureDoesNotMatch");
  const stringToSign = `${ACS3}\n${sha256hex(canonicalRequest(req, auth.signedHeaders, claimed ?? actual))}`;
  const expected = createHmac("sha256", secret).update(stringToSign).digest("hex");
  if (expected !== auth.signature) throw apiError("SignatureDoesNotMatch");
}
