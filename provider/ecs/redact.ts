// Keeps secrets out of messages. The SDK embeds request data in some errors (a read timeout
// prints `POST /?...&Password=...`), so every message that leaves this layer goes through here.

const SECRET_KEYS = [
  "Password",
  "AccessKeySecret",
  "SecretKey",
  "SecurityToken",
  "Signature",
  "x-acs-security-token",
  "x-acs-bearer-token",
  "BearerToken",
];

// key=value (query strings), key: value (headers), "key":"value" (JSON), key%3Dvalue (encoded).
const KEY_VALUE = new RegExp(
  `((?:${SECRET_KEYS.map(escapeRegExp).join("|")})["']?\\s*(?:=|:|%3D)\\s*["']?)[^&\\s"',;}]+`,
  "gi",
);
const AUTHORIZATION = /(authorization["']?\s*[:=]\s*["']?)[^"'\n]+/gi;

// Values known to be secret in this process (registered by settings.ts), redacted wherever they show up.
const knownSecrets = new Set<string>();

/** Remember a secret value so `redact` removes it verbatim from any text. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) knownSecrets.add(value);
}

/** The text with passwords, secrets, tokens and signatures replaced by `***`. */
export function redact(text: string): string {
  let out = text.replace(AUTHORIZATION, "$1***").replace(KEY_VALUE, "$1***");
  for (const secret of knownSecrets) {
    out = out.split(secret).join("***");
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join("***");
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}
