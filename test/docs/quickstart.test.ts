// The README's quickstart is examples/quickstart/index.ts, character for character: the README
// says so, the demo and the example tests run the file, and the package test runs the README block.
import * as fs from "fs";
import * as path from "path";
import { QUICKSTART } from "../support/doc-locations";
import { docTypeScript, ROOT } from "../support/markdown";

test("the README's quickstart block is examples/quickstart/index.ts", () => {
  const block = docTypeScript(QUICKSTART.page, QUICKSTART.heading).code;
  expect(block).toBe(fs.readFileSync(path.join(ROOT, "examples", "quickstart", "index.ts"), "utf8"));
});
