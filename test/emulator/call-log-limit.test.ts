// The call log's size is an option, and the log says how many older entries it dropped, so a
// benchmark can tell that it counted every call.
import { DEMO_IDS, openInProcessEmulator, startEmulator } from "../../emulator";

const REGION = "cn-hangzhou";

test("beyond the limit the oldest entries are dropped and counted", () => {
  const emu = openInProcessEmulator({ callLogLimit: 5 });
  try {
    for (let i = 0; i < 8; i++) emu.call("DescribeInstances", { RegionId: REGION, InstanceIds: JSON.stringify([DEMO_IDS.instances.web]) });
    expect(emu.calls()).toHaveLength(5);
    expect(emu.callsDropped()).toBe(3);
  } finally {
    emu.close();
  }
});

test("GET /__emulator/calls carries the dropped count in x-emulator-calls-dropped; DELETE resets it", async () => {
  const emu = await startEmulator({ callLogLimit: 2 });
  try {
    const admin = (path: string, method = "GET") => fetch(`${emu.url}${path}`, { method });
    // Unsigned calls are refused, and refused calls are logged too: three of them.
    for (let i = 0; i < 3; i++) await fetch(`${emu.url}/?Action=DescribeRegions&Version=2014-05-26`, { method: "POST" });
    const res = await admin("/__emulator/calls");
    expect((await res.json()) as unknown[]).toHaveLength(2);
    expect(res.headers.get("x-emulator-calls-dropped")).toBe("1");
    await admin("/__emulator/calls", "DELETE");
    expect((await admin("/__emulator/calls")).headers.get("x-emulator-calls-dropped")).toBe("0");
  } finally {
    await emu.close();
  }
});

test("a limit that is not a whole number > 0 is refused", () => {
  expect(() => openInProcessEmulator({ callLogLimit: 0 })).toThrow(/callLogLimit/);
});
