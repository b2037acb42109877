// The ACS3 signature algorithms ECS accepts in the Authorization header, and the digest each uses
// for the payload hash (x-acs-content-sha256 carries it whatever the algorithm), the canonical
// request hash and the HMAC. SM3 comes from Node's OpenSSL (checked against the GB/T 32905 vectors).
import { createHash, createHmac, getHashes } from "crypto";

export const ACS3_ALGORITHMS = {
  "ACS3-HMAC-SHA256": "sha256",
  "ACS3-HMAC-SM3": "sm3",
} as const;

export type Acs3Algorithm = keyof typeof ACS3_ALGORITHMS;

export function isAcs3Algorithm(name: string): name is Acs3Algorithm {
  return Object.prototype.hasOwnProperty.call(ACS3_ALGORITHMS, name) && getHashes().includes(ACS3_ALGORITHMS[name as Acs3Algorithm]);
}

export function acs3Hash(algorithm: Acs3Algorithm, data: Buffer | string): string {
  return createHash(ACS3_ALGORITHMS[algorithm]).update(data).digest("hex");
}

export function acs3Hmac(algorithm: Acs3Algorithm, secret: string, data: string): string {
  return createHmac(ACS3_ALGORITHMS[algorithm], secret).update(data).digest("hex");
}
