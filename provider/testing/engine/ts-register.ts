// Test engine only: a transpile-only `.ts` loader preloaded into the program process when
// ts-node (which the Pulumi SDK would use) is not installed. No type checking.
import * as fs from "fs";

function loadTypeScript(): any {
  try {
    return require(require.resolve("typescript", { paths: [process.cwd()] }));
  } catch {
    return require("typescript");
  }
}

const ts = loadTypeScript();
(require as any).extensions[".ts"] = function compileTs(module: any, filename: string) {
  const out = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
    },
  });
  module._compile(out.outputText, filename);
};
