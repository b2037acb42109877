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
