#!/usr/bin/env node
// CLI of the diskops TEST ENGINE (tests and offline demos only; not the Pulumi CLI):
//   diskops-test-engine (dist/provider/testing/engine/cli.js) <preview|up|destroy> [PROGRAM] --stack NAME --state FILE
//        [--config key=value]... [--secret key=value]... [--json]
// PROGRAM is a project directory or a .js/.ts file (default: the current directory).
import { runEngine, formatSummary, Operation } from "./index";
import { secret, SecretValue } from "../values";

function parse(argv: string[]) {
  const [operation, ...rest] = argv;
  if (!["preview", "up", "destroy"].includes(operation)) throw new Error("usage: cli <preview|up|destroy> [PROGRAM] --stack NAME --state FILE [--config k=v] [--secret k=v] [--json]");
  const config: Record<string, string | SecretValue> = {};
  let stack = "dev";
  let stateFile = "";
  let program = ".";
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const next = () => rest[++i] ?? "";
    const kv = (s: string) => { const at = s.indexOf("="); if (at < 1) throw new Error(`expected key=value, got ${s}`); return [s.slice(0, at), s.slice(at + 1)]; };
    if (a === "--stack") stack = next();
    else if (a === "--state") stateFile = next();
    else if (a === "--config") { const [k, v] = kv(next()); config[k] = v; }
    else if (a === "--secret") { const [k, v] = kv(next()); config[k] = secret(v); }
    else if (a === "--json") json = true;
    else if (a.startsWith("--")) throw new Error(`unknown flag ${a}`);
    else program = a;
  }
  return { operation: operation as Operation, stack, stateFile: stateFile || `.diskops-state/${stack}.json`, program, config, json };
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  const result = await runEngine({
    operation: args.operation, program: args.program, stack: args.stack, stateFile: args.stateFile, config: args.config,
  });
  if (args.json) process.stdout.write(JSON.stringify({ steps: result.steps.map(({ changes, ...s }) => s), failed: result.failed }, null, 2) + "\n");
  else process.stdout.write(formatSummary(args.operation, args.stack, result));
  return result.failed ? 1 : 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 2; },
);
