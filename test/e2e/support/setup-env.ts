// Runs before every e2e test file: the example tests (test/examples) pick the CLI that
// `npm run cli:install` built, and run through it only (their test-engine runs are `npm test`'s).
import * as path from "path";
import { LOCAL_CLI } from "../../../examples/demo/pulumi-cli";
import { packageRoot } from "../../../provider/testing/package-root";

process.env.DISKOPS_PULUMI = path.join(packageRoot(), LOCAL_CLI);
process.env.DISKOPS_E2E = "1";
