// The test engine's CLI (built into dist/) on a TypeScript program, with the stub logic.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packageRoot } from "../../provider/testing/package-root";
import { stubLogicEnv } from "../support/plugin-harness";

const ROOT = packageRoot();
const CLI = path.join(ROOT, "dist", "provider", "testing", "engine", "cli.js");
const PROGRAM = path.join(__dirname, "fixtures", "ts-program");

describe("test engine CLI", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diskops-cli-"));
  const state = path.join(dir, "dev.json");
  const stub = stubLogicEnv();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args, PROGRAM, "--stack", "dev", "--state", state], { env: { ...process.env, ...stub.env } }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as any).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it("previews, creates, updates a secret and destroys, printing a Pulumi-style summary", async () => {
    const preview = await cli("preview", "--secret", "password=First-Pa55word!");
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain("Previewing update (dev):");
    expect(preview.stdout).toMatch(/\+\s+pulumi-nodejs:dynamic\/diskops:SystemDiskReplacement\s+web-system-disk\s+create/);
    expect(preview.stdout).toContain("+ 1 to create");
    expect(stub.calls().some((c) => c.op === "create")).toBe(false);

    const up = await cli("up", "--secret", "password=First-Pa55word!");
    expect(up.code).toBe(0);
    expect(up.stdout).toContain("+ 1 created");
    expect(up.stdout).toContain("password: [secret]");
    expect(up.stdout).toContain('systemDiskId: "d-new-i-web"');

    const change = await cli("up", "--secret", "password=Second-Pa55word!", "--config", "image=img-2");
    expect(change.code).toBe(0);
    expect(change.stdout).toMatch(/~\s+pulumi-nodejs:dynamic\/diskops:SystemDiskReplacement\s+web-system-disk\s+update/);
    expect(change.stdout).toContain('~  imageId: "img-1" => "img-2"');
    expect(change.stdout).toContain("~  password: [secret] => [secret]");
    for (const out of [preview, up, change]) {
      expect(out.stdout + out.stderr).not.toMatch(/First-Pa55word|Second-Pa55word/);
    }

    const destroy = await cli("destroy");
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toMatch(/-\s+pulumi-nodejs:dynamic\/diskops:SystemDiskReplacement\s+web-system-disk\s+delete/);
    expect(destroy.stdout).toContain("- 1 deleted");
    expect(JSON.parse(fs.readFileSync(state, "utf8")).resources).toEqual([]);
  });

  it("exits non-zero and prints the error when a create fails", async () => {
    const failing = stubLogicEnv();
    const out = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, [CLI, "up", path.join(__dirname, "fixtures", "two-resources"), "--stack", "dev", "--state", path.join(dir, "fail.json"), "--config", "fixture:failCreate=true"],
        { env: { ...process.env, ...failing.env } }, (err, stdout) => resolve({ code: err ? Number((err as any).code ?? 1) : 0, stdout })),
    );
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/error:\n.*create failed: stub create failed/);
  });
});
