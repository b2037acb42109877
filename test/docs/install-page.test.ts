// docs/install.md against package.json and the tsconfig the docs compile under: the import-path
// table is the `exports` map, the commands table is `bin`, and the tsconfig shown is the one in
// examples/quickstart/tsconfig.json that test/docs/snippets.test.ts compiles every block with.
import * as fs from "fs";
import * as path from "path";
import { codeSpans, docBlocks, ROOT, tablesUnder, type DocTable } from "../support/markdown";

const PAGE = "docs/install.md";
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

function table(firstColumn: string): DocTable {
  const found = tablesUnder(PAGE, "Import paths").filter((t) => t.header[0] === firstColumn);
  if (found.length !== 1) throw new Error(`${PAGE}: expected one "${firstColumn}" table under "Import paths", found ${found.length}`);
  return found[0];
}

const firstSpans = (t: DocTable) => t.cells.map((c) => codeSpans(c[0])[0]);

test("the import paths are the package's exports map", () => {
  const exported = Object.keys(PKG.exports).map((k: string) => (k === "." ? PKG.name : `${PKG.name}/${k.replace(/^\.\//, "")}`));
  expect(firstSpans(table("Import")).sort()).toEqual(exported.sort());
});

test("the commands are the package's bins", () => {
  expect(firstSpans(table("Command")).sort()).toEqual(Object.keys(PKG.bin).sort());
});

test("the tsconfig shown is examples/quickstart/tsconfig.json", () => {
  const shown = docBlocks(PAGE).filter((b) => b.lang === "json" && b.heading === "TypeScript settings");
  expect(shown).toHaveLength(1);
  const file = fs.readFileSync(path.join(ROOT, "examples", "quickstart", "tsconfig.json"), "utf8");
  expect(JSON.parse(shown[0].code)).toEqual(JSON.parse(file));
});
