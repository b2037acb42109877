// ECS instance password rules (ReplaceSystemDisk, and any action that sets a password).
export const PASSWORD_SYMBOLS = "()`~!@#$%^&*-_+=|{}[]:;'<>,.?/";

export function isValidPassword(password: string, osType: string): boolean {
  if (password.length < 8 || password.length > 30) return false;
  if ([...password].some((c) => !/[A-Za-z0-9]/.test(c) && !PASSWORD_SYMBOLS.includes(c))) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/].filter((re) => re.test(password)).length + ([...password].some((c) => PASSWORD_SYMBOLS.includes(c)) ? 1 : 0);
  if (classes < 3) return false;
  return !(osType === "windows" && password.startsWith("/"));
}
