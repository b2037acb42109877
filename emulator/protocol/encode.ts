// Percent-encoding exactly as Alibaba Cloud canonicalises it (RFC 3986; also ! ' ( ) *).
export function percentEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/!/g, "%21")
    .replace(/'/g, "%27")
    .replace(/\(/g, "%28")
    .replace(/\)/g, "%29")
    .replace(/\*/g, "%2A");
}

/** Splits a raw query string into decoded pairs, in order. Throws on malformed escapes. */
export function parseRawQuery(raw: string, plusIsSpace = false): [string, string][] {
  if (raw === "") return [];
  return raw
    .split("&")
    .filter((p) => p !== "")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const k = eq < 0 ? pair : pair.slice(0, eq);
      const v = eq < 0 ? "" : pair.slice(eq + 1);
      const dec = (s: string) => decodeURIComponent(plusIsSpace ? s.replace(/\+/g, " ") : s);
      return [dec(k), dec(v)] as [string, string];
    });
}
