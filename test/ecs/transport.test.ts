// The SDK client over an injected transport (ecs/transport.ts): the same requests and answers as over
// HTTP, handed to the emulator in-process. What the simulator relies on: results are mapped, errors
// arrive as EcsError with code, HTTP status and request id, throttling is retried after retry-after.
import { DEMO_IDS, openInProcessEmulator, type InProcessEmulator } from "../../emulator";
import { createEcsApi } from "../../provider/ecs/client";
import { EcsError } from "../../provider/ecs/errors";
import type { EcsTransport } from "../../provider/ecs/transport";

const I = DEMO_IDS.instances;
const D = DEMO_IDS.disks;
const S = DEMO_IDS.snapshots;
const REGION = "cn-hangzhou";

let emu: InProcessEmulator;
const seen: string[] = [];
const transport: EcsTransport = async (req) => {
  seen.push(req.action);
  const a = emu.call(req.action, req.query, { version: req.version });
  return { statusCode: a.statusCode, headers: a.headers, body: a.body };
};
const api = () =>
  createEcsApi({ regionId: REGION, credential: undefined as never, protocol: "http", endpoint: "in-process" } as never, {
    transport,
    retry: { minDelayMs: 1, maxDelayMs: 5 },
  });

beforeEach(() => {
  emu = openInProcessEmulator({ timeScale: 0.001 });
  seen.length = 0;
});
afterEach(() => emu.close());

test("reads come back mapped, as over HTTP", async () => {
  const [instance] = await api().describeInstances(REGION, [I.web]);
  expect(instance).toMatchObject({ instanceId: I.web, regionId: REGION, status: "Running" });
  const disks = await api().describeDisks(REGION, { instanceId: I.web });
  expect(disks.map((d) => d.diskId)).toEqual(expect.arrayContaining([D.webData1]));
  expect(seen).toEqual(["DescribeInstances", "DescribeDisks"]);
});

test("an error answer is an EcsError with its code, HTTP status and request id", async () => {
  const err = await api().resetDisk(D.webData1, S.webData1).catch((e) => e);
  expect(err).toBeInstanceOf(EcsError);
  expect(err).toMatchObject({ code: "IncorrectInstanceStatus", httpStatus: 403, action: "ResetDisk" });
  expect(err.requestId).toMatch(/^[0-9A-F-]{36}$/);
  expect(emu.calls().at(-1)).toMatchObject({ Action: "ResetDisk", HttpStatus: 403, RequestId: err.requestId });
});

test("a throttled answer is sent again after retry-after, and a DryRun that passes resolves", async () => {
  emu.faults.addAll([{ Action: "StopInstance", Code: "Throttling.User", HttpStatus: 400, Count: 1 }]);
  await expect(api().stopInstance(I.web, { dryRun: true })).resolves.toMatchObject({ requestId: expect.any(String) });
  expect(emu.calls().map((c) => [c.Action, c.HttpStatus, c.Code])).toEqual([
    ["StopInstance", 400, "Throttling.User"],
    ["StopInstance", 400, "DryRunOperation"],
  ]);
});
