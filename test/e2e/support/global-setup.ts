// globalSetup of `npm run test:e2e`: the CLI must be there (npm run cli:install), then the
// package is packed once and installed once per tested row (packed-package.ts), so each test's
// project gets the tarball without an install of its own.
import * as fs from "fs";
import * as path from "path";
import { LOCAL_CLI } from "../../../examples/demo/pulumi-cli";
import { packageRoot } from "../../../provider/testing/package-root";
import { prepareSharedInstalls } from "./packed-package";

export default async function globalSetup(): Promise<void> {
  const cli = path.join(packageRoot(), LOCAL_CLI);
  if (!fs.existsSync(cli)) throw new Error(`${cli} missing: the e2e suite needs the Pulumi CLI (run npm run cli:install)`);
  const started = Date.now();
  const { tarball, installs } = prepareSharedInstalls();
  const rows = Object.values(installs).map((i) => `${i.row.label}: @pulumi/pulumi ${i.sdkVersion}, Node ${i.nodeVersion}`);
  process.stdout.write(`\ne2e setup (${Math.round((Date.now() - started) / 1000)} s): ${path.relative(packageRoot(), tarball)}; ${rows.join("; ")}\n`);
}
