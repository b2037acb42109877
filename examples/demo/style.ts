// Output styling for the demo: bold headers and dim commands on a terminal, plain text otherwise
// (CI, pipes, NO_COLOR).
export interface Style {
  header(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function makeStyle(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Style {
  const color = !!stream.isTTY && !env.NO_COLOR && !env.CI && env.TERM !== "dumb";
  const wrap = (open: string, close: string) => (text: string) => (color ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  const bold = wrap("1", "22");
  return {
    bold,
    dim: wrap("2", "22"),
    header: (text: string) => `\n${bold(`━━ ${text} ${"━".repeat(Math.max(3, 72 - text.length))}`)}\n`,
  };
}
