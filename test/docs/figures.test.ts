// docs/figures.md's figures block is what `npm run docs:figures` makes from bench/RESULTS.md, and
// no other page quotes benchmark figures: a hand-copied number would go stale at the next run.
import * as fs from "fs";
import { BEGIN, END, figuresBlock, FIGURES_PAGE, RESULTS_FILE, withFigures } from "../../bench/docs-figures";
import { docPages, pageText } from "../support/markdown";

const results = fs.readFileSync(RESULTS_FILE, "utf8");
const page = fs.readFileSync(FIGURES_PAGE, "utf8");

test("the figures block is the one bench/RESULTS.md gives (run `npm run docs:figures` after a benchmark run)", () => {
  expect(page.slice(page.indexOf(BEGIN), page.indexOf(END) + END.length)).toBe(figuresBlock(results));
  expect(withFigures(page, results)).toBe(page);
});

test("the block carries every headline figure and the run's date", () => {
  const headline = results.slice(results.indexOf("## Headline figures"));
  const section = headline.slice(0, headline.indexOf("\n## ", 1));
  const bullets = section.split("\n").slice(1).filter((l) => l.startsWith("- "));
  expect(bullets.length).toBeGreaterThan(3);
  for (const b of bullets) expect(page).toContain(b);
  const date = /^- Date: (.*)$/m.exec(results)![1];
  expect(page).toContain(date);
});

test("a changed RESULTS.md changes the block", () => {
  const changed = results.replace(/^(## Headline figures\n\n- )/m, "$1CHANGED ");
  expect(figuresBlock(changed)).not.toBe(figuresBlock(results));
  expect(withFigures(page, changed)).toContain("- CHANGED ");
});

test("no other page quotes the benchmark's call counts or fleet figures", () => {
  // The phrasings the benchmark's headline uses for per-create call counts and fleet runs.
  const quoted = /\b\d+[–-]\d+ (ECS API )?calls\b|\bcalls per resource\b|\b\d+(\.\d+)?x the bound\b/;
  const offenders = docPages()
    .filter((p) => p !== "docs/figures.md")
    .flatMap((p) => pageText(p).split("\n").map((line, i) => ({ where: `${p}:${i + 1}`, line })))
    .filter(({ line }) => quoted.test(line))
    .map(({ where, line }) => `${where}: ${line.trim().slice(0, 100)}`);
  expect(offenders).toEqual([]);
});
