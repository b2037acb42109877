// README.md as tests read it: its fenced code blocks, each with the heading it sits under, so a
// test can compile and run exactly what a reader copies.
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../../provider/testing/package-root";

export const README_PATH = path.join(packageRoot(), "README.md");

export interface ReadmeBlock {
  /** The fence's language tag (`ts`, `bash`, ...), empty when none. */
  lang: string;
  /** The nearest heading above the block, without the #s. */
  heading: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

export function readmeText(): string {
  return fs.readFileSync(README_PATH, "utf8");
}

export function readmeBlocks(text = readmeText()): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const lines = text.split("\n");
  let heading = "";
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```\s*([\w-]*)\s*$/.exec(lines[i]);
    if (!fence) {
      const h = /^#{1,6}\s+(.*)$/.exec(lines[i]);
      if (h) heading = h[1].trim();
      continue;
    }
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !/^```\s*$/.test(lines[i])) body.push(lines[i]);
    blocks.push({ lang: fence[1], heading, line: start + 1, code: body.join("\n") + "\n" });
  }
  return blocks;
}

export const isTypeScript = (b: ReadmeBlock) => b.lang === "ts" || b.lang === "typescript";

/** The one TypeScript block under `heading` (fails loudly when there is not exactly one). */
export function readmeTypeScript(heading: string): ReadmeBlock {
  const found = readmeBlocks().filter((b) => isTypeScript(b) && b.heading === heading);
  if (found.length !== 1) throw new Error(`README.md: expected one TypeScript block under "${heading}", found ${found.length}`);
  return found[0];
}

/** The lines of the README's bash blocks under `heading` that start with `prefix` (comments cut). */
export function readmeCommands(heading: string, prefix: string): string[] {
  return readmeBlocks()
    .filter((b) => b.lang === "bash" && b.heading === heading)
    .flatMap((b) => b.code.split("\n"))
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l.startsWith(prefix));
}

/**
 * What follows the marker line `<!-- test:NAME -->`: the first fenced block after it (`block`), or
 * the paragraph after it up to the next blank line (`paragraph`). Fails loudly without the marker.
 */
export function readmeMarked(name: string, what: "block" | "paragraph", text = readmeText()): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.trim() === `<!-- test:${name} -->`);
  if (at < 0) throw new Error(`README.md: no <!-- test:${name} --> marker`);
  let i = at + 1;
  while (i < lines.length && lines[i].trim() === "") i++;
  if (what === "paragraph") {
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() !== "") para.push(lines[i++]);
    return para.join("\n");
  }
  if (!/^```/.test(lines[i] ?? "")) throw new Error(`README.md: <!-- test:${name} --> is not followed by a fenced block`);
  const body: string[] = [];
  while (++i < lines.length && !/^```\s*$/.test(lines[i])) body.push(lines[i]);
  return body.join("\n") + "\n";
}
