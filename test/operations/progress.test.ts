// Progress reporting to the engine's Log service: who counts as the plugin, throttling, and the
// Log request itself (ephemeral info) against a stand-in Engine gRPC server. The real CLI showing
// the lines is checked in test/e2e/quickstart.test.ts.
import * as grpc from "@grpc/grpc-js";
import { engineAddressFromArgv, engineLogger, throttledReporter } from "../../provider/operations/progress";
import { waitFor } from "../support/wait-for";

const enginerpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engineproto = require("@pulumi/pulumi/proto/engine_pb");

test("the engine address is the plugin's first argument, only inside the dynamic-provider plugin", () => {
  expect(engineAddressFromArgv(["node", "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:45123"])).toBe("127.0.0.1:45123");
  expect(engineAddressFromArgv(["node", "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider", "127.0.0.1:1"])).toBe("127.0.0.1:1");
  expect(engineAddressFromArgv(["node", "/x/jest.js", "127.0.0.1:45123"])).toBeUndefined();
  expect(engineAddressFromArgv(["node", "/x/cmd/dynamic-provider/index.js", "--flag"])).toBeUndefined();
});

test("a line is sent when the state changes, an unchanged one at most every 5 s", () => {
  const sent: string[] = [];
  let now = 1_000;
  const r = throttledReporter((m) => sent.push(m), () => now);
  r.report("wait-1", "i-1 Stopping", 1_000);
  now = 2_000;
  r.report("wait-1", "i-1 Stopping", 1_000);
  now = 3_600;
  r.report("wait-1", "i-1 Stopped", 1_000);
  now = 4_000;
  r.report("wait-2", "d-1 ReIniting", 4_000);
  now = 9_000;
  r.report("wait-2", "d-1 ReIniting", 4_000);
  expect(sent).toEqual(["i-1 Stopping (0 s)", "i-1 Stopped (3 s)", "d-1 ReIniting (0 s)", "d-1 ReIniting (5 s)"]);
});

test("engineLogger sends ephemeral info messages to the Engine service; a dead engine is ignored", async () => {
  const got: { message: string; severity: number; ephemeral: boolean }[] = [];
  const server = new grpc.Server();
  server.addService(enginerpc.EngineService, {
    log(call: any, callback: any) {
      const r = call.request;
      got.push({ message: r.getMessage(), severity: r.getSeverity(), ephemeral: r.getEphemeral() });
      callback(null, new (require("google-protobuf/google/protobuf/empty_pb").Empty)());
    },
  });
  const port = await new Promise<number>((res, rej) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))));
  try {
    engineLogger(`127.0.0.1:${port}`)("i-1 Stopping (3 s)");
    await waitFor(() => got.length, (n) => n === 1, 5_000, "the Log call");
    expect(got[0]).toEqual({ message: "i-1 Stopping (3 s)", severity: engineproto.LogSeverity.INFO, ephemeral: true });
  } finally {
    server.forceShutdown();
  }
  // Nothing listens on port 1: no throw, the operation goes on.
  expect(() => engineLogger("127.0.0.1:1")("x")).not.toThrow();
});
