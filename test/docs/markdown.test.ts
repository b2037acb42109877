// Every Markdown page (README.md, CHANGELOG.md, docs/) renders as written: parsed with markdown-it
// (GFM tables), no line that looks like a table row sits outside a table (it would render as raw
// `|` text), every row of a table has the header's number of cells (GFM silently drops extra
// cells and pads missing ones), and every relative link resolves: the file exists, and an
// `#anchor` is a heading of the target page under GitHub's slug rules.
import * as fs from "fs";
import * as path from "path";
import { anchorsOf, docPages, docTables, linksOf, pageText, parse, ROOT } from "../support/markdown";

/**
 * Pages other work adds, linked before they exist here (issue 18 writes docs/pulumi-cli.md, issue
 * 17 docs/emulator-clients.md). Delete an entry once its page is merged: then it is checked like
 * any other link.
 */
const PENDING_PAGES = new Set<string>();

const pages = docPages();

/** Cells of a GFM table row: split on unescaped `|`, leading and trailing pipe dropped. */
function cellCount(line: string): number {
  const body = line.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return body.split(/(?<!\\)\|/).length;
}

/** Source lines (0-based) inside fenced or indented code, where `|` means nothing. */
function codeLines(page: string): Set<number> {
  const inCode = new Set<number>();
  for (const t of parse(page)) {
    if ((t.type === "fence" || t.type === "code_block" || t.type === "html_block") && t.map) {
      for (let i = t.map[0]; i < t.map[1]; i++) inCode.add(i);
    }
  }
  return inCode;
}

test("the manual's pages are all found", () => {
  expect(pages).toEqual(expect.arrayContaining(["README.md", "CHANGELOG.md", "docs/README.md", "docs/emulator.md", "docs/disk-restore.md"]));
});

describe.each(pages)("%s", (page) => {
  test("every table row is inside a table and has the header's number of cells", () => {
    const lines = pageText(page).split("\n");
    const tables = docTables(page);
    const inTable = new Set<number>();
    const problems: string[] = [];
    for (const t of tables) {
      const columns = t.header.length;
      for (let i = t.line - 1; i < t.endLine; i++) {
        inTable.add(i);
        if (i === t.line) continue; // the delimiter row
        const n = cellCount(lines[i]);
        if (n !== columns) problems.push(`${page}:${i + 1}: ${n} cells, the header has ${columns}: ${lines[i].slice(0, 80)}`);
      }
    }
    const code = codeLines(page);
    lines.forEach((line, i) => {
      if (/^\s*\|.*\|\s*$/.test(line) && !inTable.has(i) && !code.has(i)) {
        problems.push(`${page}:${i + 1}: a table row outside any table (renders as text): ${line.slice(0, 80)}`);
      }
    });
    expect(problems).toEqual([]);
  });

  test("every relative link and anchor resolves", () => {
    const problems: string[] = [];
    for (const { href, line } of linksOf(page)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("//")) continue; // http(s), mailto: not checked offline
      const [target, anchor] = href.split("#", 2) as [string, string | undefined];
      const file = target === "" ? page : path.normalize(path.join(path.dirname(page), decodeURIComponent(target)));
      if (file.startsWith("..")) {
        problems.push(`${page}:${line}: ${href} points outside the repository`);
        continue;
      }
      if (!fs.existsSync(path.join(ROOT, file))) {
        if (!PENDING_PAGES.has(file)) problems.push(`${page}:${line}: ${href}: no file ${file}`);
        continue;
      }
      if (anchor !== undefined && file.endsWith(".md") && !anchorsOf(file).has(anchor)) {
        problems.push(`${page}:${line}: ${href}: ${file} has no heading with the anchor #${anchor}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

test("the pending pages are still pending (delete an entry of PENDING_PAGES once its page exists)", () => {
  const arrived = [...PENDING_PAGES].filter((p) => fs.existsSync(path.join(ROOT, p)));
  if (arrived.length > 0) console.log(`PENDING_PAGES: now present, checked as usual; remove from the list: ${arrived.join(", ")}`);
  // Present pages are checked like any other (docPages() lists them); the list only spares absent ones.
  for (const p of arrived) expect(pages).toContain(p);
});
