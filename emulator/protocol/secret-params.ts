// Which request parameters hold secrets (passwords, secrets, tokens), for showing parameters
// without them (the string to sign in a SignatureDoesNotMatch message). The call log applies the
// same rule (server/call-log.ts; a test keeps the two in step).
export const SECRET_MASK = "******";

export function isSecretParamName(name: string): boolean {
  // ClientToken and NextToken (paging) are identifiers, not credentials.
  return /password$/i.test(name) || /secret/i.test(name) || (/token$/i.test(name) && name !== "ClientToken" && name !== "NextToken");
}
