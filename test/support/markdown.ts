// The project's Markdown pages (README.md, CHANGELOG.md, docs/) as the docs tests read them:
// fenced code blocks with the heading they sit under and the `<!-- test:… -->` marker before them,
// tables parsed by markdown-it (what GitHub renders is GFM; markdown-it implements its tables),
// links, and the anchors GitHub gives headings.
import * as fs from "fs";
import * as path from "path";
import MarkdownIt from "markdown-it";
import { packageRoot } from "../../provider/testing/package-root";

export const ROOT = packageRoot();

type Token = MarkdownIt.Token;

const md = new MarkdownIt({ html: true });

/** Every Markdown page of the project, as paths relative to the repository root. */
export function docPages(): string[] {
  const docs = (fs.readdirSync(path.join(ROOT, "docs"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join("docs", f));
  return ["README.md", "CHANGELOG.md", ...docs.sort()].filter((f) => fs.existsSync(path.join(ROOT, f)));
}

export function pageText(page: string): string {
  return fs.readFileSync(path.join(ROOT, page), "utf8");
}

export interface DocBlock {
  /** The page, relative to the repository root. */
  page: string;
  /** The fence's language tag (`ts`, `bash`, ...), empty when none. */
  lang: string;
  /** The nearest heading above the block, without the #s. */
  heading: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** `run` for `<!-- test:run -->` on the last non-blank line before the fence; "" when none. */
  marker: string;
  code: string;
}

/** The fenced code blocks of a page (fences at the start of a line, as the pages write them). */
export function docBlocks(page: string, text = pageText(page)): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = text.split("\n");
  let heading = "";
  let marker = "";
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```\s*([\w-]*)\s*$/.exec(lines[i]);
    if (!fence) {
      const h = /^#{1,6}\s+(.*)$/.exec(lines[i]);
      if (h) heading = h[1].trim();
      const m = /^<!--\s*test:([\w-]+)\s*-->\s*$/.exec(lines[i]);
      if (m) marker = m[1];
      else if (lines[i].trim() !== "") marker = "";
      continue;
    }
    const start = i;
    const body: string[] = [];
    while (++i < lines.length && !/^```\s*$/.test(lines[i])) body.push(lines[i]);
    blocks.push({ page, lang: fence[1], heading, line: start + 1, marker, code: body.join("\n") + "\n" });
    marker = "";
  }
  return blocks;
}

export const isTypeScript = (b: DocBlock) => b.lang === "ts" || b.lang === "typescript";

/** The one TypeScript block under `heading` of `page` (fails loudly when there is not exactly one). */
export function docTypeScript(page: string, heading: string): DocBlock {
  const found = docBlocks(page).filter((b) => isTypeScript(b) && b.heading === heading);
  if (found.length !== 1) throw new Error(`${page}: expected one TypeScript block under "${heading}", found ${found.length}`);
  return found[0];
}

/** The lines of the page's bash/sh blocks under `heading` that start with `prefix` (comments cut). */
export function docCommands(page: string, heading: string, prefix: string): string[] {
  return docBlocks(page)
    .filter((b) => (b.lang === "bash" || b.lang === "sh") && b.heading === heading)
    .flatMap((b) => b.code.split("\n"))
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l.startsWith(prefix));
}

export function parse(page: string, text = pageText(page)): Token[] {
  return md.parse(text, {});
}

/** The text a reader sees in an inline token: text and code spans, markup dropped. */
export function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : c.type === "softbreak" || c.type === "hardbreak" ? " " : ""))
    .join("");
}

export interface DocTable {
  page: string;
  /** The nearest heading above the table (its text as rendered). */
  heading: string;
  /** 1-based line of the header row. */
  line: number;
  /** First source line after the table (0-based, exclusive), from markdown-it's map. */
  endLine: number;
  header: string[];
  /** Cell text as rendered. */
  rows: string[][];
  /** The inline tokens of each body cell, for callers that need the code spans. */
  cells: Token[][];
}

export function docTables(page: string, text = pageText(page)): DocTable[] {
  const tokens = parse(page, text);
  const tables: DocTable[] = [];
  let heading = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === "heading_open") heading = inlineText(tokens[i + 1]);
    if (t.type !== "table_open") continue;
    const table: DocTable = { page, heading, line: t.map![0] + 1, endLine: t.map![1], header: [], rows: [], cells: [] };
    let row: string[] | undefined;
    let cells: Token[] | undefined;
    let inHead = false;
    for (i++; tokens[i].type !== "table_close"; i++) {
      const u = tokens[i];
      if (u.type === "thead_open") inHead = true;
      if (u.type === "thead_close") inHead = false;
      if (u.type === "tr_open") {
        row = [];
        cells = [];
      }
      if (u.type === "inline" && row && cells) {
        row.push(inlineText(u).trim());
        cells.push(u);
      }
      if (u.type === "tr_close" && row && cells) {
        if (inHead) table.header = row;
        else {
          table.rows.push(row);
          table.cells.push(cells);
        }
      }
    }
    tables.push(table);
  }
  return tables;
}

/** The tables under the heading `heading` (exactly that text) of a page. */
export function tablesUnder(page: string, heading: string): DocTable[] {
  return docTables(page).filter((t) => t.heading === heading);
}

/** The one table under `heading`; fails loudly otherwise. */
export function tableUnder(page: string, heading: string): DocTable {
  const found = tablesUnder(page, heading);
  if (found.length !== 1) throw new Error(`${page}: expected one table under "${heading}", found ${found.length}`);
  return found[0];
}

/** The contents of the code spans of an inline token, in order. */
export function codeSpans(token: Token): string[] {
  return (token.children ?? []).filter((c) => c.type === "code_inline").map((c) => c.content);
}

/** GitHub's anchor for a heading text (github-slugger): lower case, punctuation dropped, spaces to dashes. */
export function githubSlug(text: string): string {
  return text.toLowerCase().trim().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "").replace(/ /g, "-");
}

/** The anchors a page offers: its headings' slugs (with GitHub's -1, -2 for repeats) and explicit ids. */
export function anchorsOf(page: string, text = pageText(page)): Set<string> {
  const tokens = parse(page, text);
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "heading_open") continue;
    const slug = githubSlug(inlineText(tokens[i + 1]));
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
}

export interface DocLink {
  page: string;
  href: string;
  /** 1-based line of the block the link is in. */
  line: number;
}

/** Every link and image target of a page, as rendered (inline links, references, autolinks). */
export function linksOf(page: string, text = pageText(page)): DocLink[] {
  const links: DocLink[] = [];
  for (const t of parse(page, text)) {
    if (t.type !== "inline") continue;
    for (const c of t.children ?? []) {
      const href = c.type === "link_open" ? c.attrGet("href") : c.type === "image" ? c.attrGet("src") : null;
      if (href !== null) links.push({ page, href, line: (t.map?.[0] ?? 0) + 1 });
    }
  }
  return links;
}
