// A fresh clone of this repository as a newcomer gets it: the files git tracks (and untracked ones
// that are not ignored, so a working tree under test counts), no node_modules, no dist/, no
// .tools/; committed in a new git repository so `git status` tells what following a recipe changed.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../../../provider/testing/package-root";

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

export function freshClone(to: string): string {
  const root = packageRoot();
  const files = git(root, "ls-files", "-co", "--exclude-standard", "-z").split("\0").filter((f) => f && fs.existsSync(path.join(root, f)) && fs.statSync(path.join(root, f)).isFile());
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(to, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(to, f));
    fs.chmodSync(path.join(to, f), fs.statSync(path.join(root, f)).mode);
  }
  git(to, "init", "-q");
  git(to, "add", "-A");
  git(to, "-c", "user.name=e2e", "-c", "user.email=e2e@localhost", "commit", "-qm", "clone");
  return to;
}

/** `git status --porcelain`: what changed or appeared (not ignored) since the clone. */
export function gitStatus(dir: string): string {
  return git(dir, "status", "--porcelain").trim();
}
