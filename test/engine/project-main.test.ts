// runEngine({ programDir }) runs the program Pulumi.yaml's `main` names, as the Pulumi CLI does
// (the repo's root project points `main` at dist/examples/quickstart/index.js).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runEngine, secret } from "../../provider/testing";
import { stubLogicEnv } from "../support/plugin-harness";

it("runs the program named by Pulumi.yaml's main", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-engine-main-"));
  try {
    const stub = stubLogicEnv();
    const result = await runEngine({
      operation: "preview", programDir: path.join(__dirname, "fixtures", "project-main"), stack: "dev",
      stateFile: path.join(dir, "dev.json"), env: stub.env,
      config: { "alicloud:region": "cn-beijing", password: secret("Engine-Pa55word!") },
    });
    expect(result.failed).toBeUndefined();
    expect(result.steps.map((s) => `${s.op}:${s.name}`)).toEqual(["create:replace", "create:restore"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
