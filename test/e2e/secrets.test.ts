// Secrets through the real Pulumi CLI: a login password set with `pulumi config set --secret`
// reaches ECS, but the stack's checkpoint holds it only encrypted (`stack export`), the CLI's
// output and the emulator's call log never show it, and `stack export --show-secrets` does.
import { DEMO_IDS } from "../../emulator";
import { startTestCloud, type TestCloud } from "../lifecycle/emulator-env";
import { CliStack, TIME_SCALE } from "./support/cli-stack";

const PASSWORD = "E2e-Secret#pw42";
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { SystemDiskReplacement } = require("pulumi-alicloud-diskops");
const config = new pulumi.Config();
const r = new SystemDiskReplacement("web-os", {
  instanceId: "${DEMO_IDS.instances.web}", imageId: "${DEMO_IDS.images.ubuntu2404}", systemDiskSize: 60,
  password: config.requireSecret("rootPassword"),
});
exports.systemDiskId = r.systemDiskId;
`;

let cloud: TestCloud;
let stack: CliStack;

beforeAll(async () => {
  cloud = await startTestCloud({ timeScale: TIME_SCALE });
  stack = await CliStack.create({ project: "secrets", cloudUrl: cloud.url, programSource: PROGRAM, secretConfig: { rootPassword: PASSWORD } });
});
afterAll(async () => {
  stack?.cleanup();
  await cloud?.close();
});

test("the password is used, but only encrypted in state; --show-secrets shows it", async () => {
  const preview = await stack.preview();
  const up = await stack.up("--diff");
  for (const out of [preview.output, up.output]) {
    expect(out).not.toContain(PASSWORD);
    expect(out).toMatch(/password\s*: \[secret\]/);
  }
  const replace = (await cloud.calls()).find((c: any) => c.Action === "ReplaceSystemDisk" && c.HttpStatus < 400) as any;
  expect(replace.Params.Password).toBe("******");

  const plain = await stack.exportState();
  expect(plain.text).not.toContain(PASSWORD);
  const resource = plain.deployment.resources.find((r: any) => r.urn.endsWith("::web-os"));
  // Inputs and outputs both carry it as a secret (re-marked by the engine after the provider ran).
  for (const props of [resource.inputs, resource.outputs]) {
    expect(props.password).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) });
  }
  const shown = await stack.exportState(true);
  expect(shown.text).toContain(PASSWORD);
});
