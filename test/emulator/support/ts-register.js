// Lets a child `node` process run the TypeScript sources directly (for the CLI test):
// node -r ./test/emulator/support/ts-register.js emulator/cli.ts
const fs = require("fs");
const ts = require("typescript");

require.extensions[".ts"] = function compile(module, filename) {
  const out = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};
