#!/usr/bin/env node
// A stand-in `pulumi` binary for testing the demo's Pulumi CLI path where no CLI is installed:
// logs each invocation (arguments, working directory, the environment the demo sets) to
// $FAKE_PULUMI_LOG, writes to the stack file the way `stack select` and `config set` do, and
// fails the command named in $FAKE_PULUMI_FAIL.
const fs = require("fs");
const path = require("path");

const args = process.argv.slice(2);
const env = process.env;
fs.appendFileSync(
  env.FAKE_PULUMI_LOG,
  JSON.stringify({
    args,
    cwd: process.cwd(),
    backend: env.PULUMI_BACKEND_URL,
    passphrase: Boolean(env.PULUMI_CONFIG_PASSPHRASE),
    endpoint: env.ALIBABA_CLOUD_ECS_ENDPOINT,
    accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
  }) + "\n",
);
const stackFile = path.join(process.cwd(), "Pulumi.demo.yaml");
if (args[0] === "version") {
  console.log("v3.999.0");
} else if (args[0] === "stack" && args[1] === "rm") {
  console.error("error: no stack named 'demo' found");
  process.exit(255);
} else if (args[0] === "stack" && args[1] === "select") {
  fs.appendFileSync(stackFile, "encryptionsalt: v1:fake-salt\n");
} else if (args[0] === "config" && args[1] === "set") {
  fs.appendFileSync(stackFile, `# set ${args.slice(2).join(" ")}\n`);
}
if (env.FAKE_PULUMI_FAIL && args[0] === env.FAKE_PULUMI_FAIL) {
  console.error(`error: fake ${args[0]} failed`);
  process.exit(1);
}
console.log(`fake pulumi: ${args.join(" ")}`);
