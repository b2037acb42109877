// Where the docs tests and the package test find the blocks they run: page and heading.
export interface BlockLocation {
  page: string;
  heading: string;
}

/** The README's quickstart program (the same text as examples/quickstart/index.ts). */
export const QUICKSTART: BlockLocation = { page: "README.md", heading: "Quickstart" };
/** The README's install commands (`npm pack`, `npm install /path/to/…tgz`). */
export const INSTALL: BlockLocation = { page: "README.md", heading: "Install" };
/** The offline install route (`npm install --offline …`). */
export const OFFLINE_INSTALL: BlockLocation = { page: "docs/install.md", heading: "From the packed tarball" };
/** The offline test script and the command that compiles and runs it. */
export const OFFLINE_TEST: BlockLocation = { page: "docs/testing-offline.md", heading: "The test engine" };

/** The blocks test/package/pack-install.test.ts runs from the installed tarball (`<!-- test:tarball -->`). */
export const RUN_FROM_TARBALL: BlockLocation[] = [QUICKSTART, OFFLINE_TEST];
