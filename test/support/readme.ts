// README.md as tests read it: its fenced code blocks, each with the heading it sits under, so a
// test can compile and run exactly what a reader copies. The same for any page: ./markdown.ts.
import * as path from "path";
import { docBlocks, docCommands, docTypeScript, isTypeScript, pageText, ROOT, type DocBlock } from "./markdown";

export const README_PATH = path.join(ROOT, "README.md");

export type ReadmeBlock = DocBlock;
export { isTypeScript };

export function readmeText(): string {
  return pageText("README.md");
}

export function readmeBlocks(text = readmeText()): ReadmeBlock[] {
  return docBlocks("README.md", text);
}

/** The one TypeScript block under `heading` (fails loudly when there is not exactly one). */
export function readmeTypeScript(heading: string): ReadmeBlock {
  return docTypeScript("README.md", heading);
}

/** The lines of the README's bash blocks under `heading` that start with `prefix` (comments cut). */
export function readmeCommands(heading: string, prefix: string): string[] {
  return docCommands("README.md", heading, prefix);
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
