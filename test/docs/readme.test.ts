// README.md is the front door: at most 20 KB, and its first screen answers what the package does,
// how to try it and how to use it in your own program (and that it runs only in Node.js programs).
// Its real-CLI section keeps the hand-run block behind the `<!-- test:hand-run -->` marker and
// links the page on the real Pulumi CLI.
import { docBlocks, pageText } from "../support/markdown";

const README = pageText("README.md");
/** What a reader sees before scrolling: the first 30 lines of the source. */
const FIRST_SCREEN = README.split("\n").slice(0, 30).join("\n");

test("the README is at most 20 KB", () => {
  expect(Buffer.byteLength(README, "utf8")).toBeLessThanOrEqual(20 * 1024);
});

test("the first screen says what it does, how to try it, how to use it, and where it runs", () => {
  expect(FIRST_SCREEN).toMatch(/DiskRestore.*rolls disks back to snapshots/s);
  expect(FIRST_SCREEN).toMatch(/SystemDiskReplacement.*new system disk/s);
  expect(FIRST_SCREEN).toContain("npm run demo");
  expect(FIRST_SCREEN).toMatch(/\(#install\)/);
  expect(FIRST_SCREEN).toMatch(/\(#quickstart\)/);
  expect(FIRST_SCREEN).toMatch(/Node\.js only/);
  expect(FIRST_SCREEN).toContain("(docs/README.md)");
});

test("the real-CLI section keeps the hand-run block behind its marker and links docs/pulumi-cli.md", () => {
  const handRun = docBlocks("README.md").filter((b) => b.marker === "hand-run");
  expect(handRun).toHaveLength(1);
  expect(handRun[0].heading).toBe("Run it with the real Pulumi CLI");
  expect(handRun[0].code).toMatch(/^pulumi up --yes$/m);
  const section = README.slice(README.indexOf("## Run it with the real Pulumi CLI"));
  expect(section.slice(0, section.indexOf("\n## ", 3))).toContain("(docs/pulumi-cli.md)");
});
