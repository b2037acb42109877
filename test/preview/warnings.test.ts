// The warning channel: a WARNING through the engine's Log service (the address the engine hands
// the plugin), stderr, and the in-process record.
import * as path from "path";
import { engineAddress, recordedWarnings, reportPreviewWarning, sendEngineWarning } from "../../provider/common/preview-warnings";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");
const emptyproto = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [pulumiDir] }));

let server: any;
let address: string;
const received: { severity: number; message: string; urn: string }[] = [];

beforeAll(async () => {
  server = new grpc.Server();
  server.addService(engrpc.EngineService, {
    log: (call: any, cb: any) => {
      received.push({ severity: call.request.getSeverity(), message: call.request.getMessage(), urn: call.request.getUrn() });
      cb(null, new emptyproto.Empty());
    },
    getRootResource: (_c: any, cb: any) => cb(null, new engproto.GetRootResourceResponse()),
    setRootResource: (_c: any, cb: any) => cb(null, new engproto.SetRootResourceResponse()),
    startDebugging: (_c: any, cb: any) => cb(null, new emptyproto.Empty()),
  });
  const port: number = await new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) => (err ? reject(err) : resolve(p))),
  );
  address = `127.0.0.1:${port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
});

test("a warning reaches the engine's Log service with severity WARNING", async () => {
  expect(await sendEngineWarning(address, "DiskRestore: preflight could not finish")).toBe(true);
  expect(received).toEqual([{ severity: engproto.LogSeverity.WARNING, message: "DiskRestore: preflight could not finish", urn: "" }]);
});

test("an engine that cannot be reached is not an error (the plugin harness passes 127.0.0.1:1)", async () => {
  expect(await sendEngineWarning("127.0.0.1:1", "lost", 500)).toBe(false);
});

test("outside the plugin there is no engine address; the warning is recorded and written to stderr", async () => {
  expect(engineAddress()).toBeUndefined();
  const writes: string[] = [];
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: any) => {
    writes.push(String(chunk));
    return true;
  });
  try {
    await reportPreviewWarning("SystemDiskReplacement: preflight could not finish");
  } finally {
    spy.mockRestore();
  }
  expect(writes).toEqual(["warning: SystemDiskReplacement: preflight could not finish\n"]);
  expect(recordedWarnings().at(-1)).toBe("SystemDiskReplacement: preflight could not finish");
});
