// Reads what the demo needs from the Pulumi project files (Pulumi.yaml, Pulumi.<stack>.yaml)
// without a YAML dependency: the project's `main` and a stack's flat `config:` map of scalars.
import * as fs from "fs";
import * as path from "path";

/** The program file named by `main:` in Pulumi.yaml (absolute). */
export function projectMain(projectDir: string): string {
  const text = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
  const m = /^main:\s*["']?([^"'\s#]+)/m.exec(text);
  if (!m) throw new Error(`no main: in ${path.join(projectDir, "Pulumi.yaml")}`);
  return path.resolve(projectDir, m[1]);
}

/** `backend: url:` of Pulumi.yaml, if any (it takes precedence over PULUMI_BACKEND_URL). */
export function projectBackendUrl(projectDir: string): string | undefined {
  const text = fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8");
  return /^backend:\s*\n\s+url:\s*["']?([^"'\s#]+)/m.exec(text)?.[1];
}

/** The `config:` section of a stack file, e.g. { "alicloud:region": "cn-hangzhou" }. */
export function stackConfig(file: string): Record<string, string> {
  const config: Record<string, string> = {};
  let inConfig = false;
  for (const raw of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, "");
    if (/^\S/.test(line)) {
      inConfig = /^config:\s*$/.test(line);
      continue;
    }
    const m = inConfig ? /^\s+("?)([^"\s]+)\1:\s*(.*)$/.exec(line) : null;
    if (!m) continue;
    const value = m[3].trim().replace(/^(["'])(.*)\1$/, "$2");
    if (value === "" || value.startsWith("secure:")) throw new Error(`${file}: ${m[2]} is not a plain scalar (the demo reads plain values only)`);
    config[m[2]] = value;
  }
  return config;
}
