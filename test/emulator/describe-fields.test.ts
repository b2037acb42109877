// The Describe fields ECS always returns that the emulator derives from the seed (vCPUs and memory
// from the instance type, network from the ids, image ownership, disk IOPS): sensible, stable
// across calls, and overridden by the same field in a seed item pasted from the real API.
import type { RunningEmulator, SeedFile } from "../../emulator";
import { DEMO_FLEET, DEMO_IDS } from "../../emulator";
import { $Ecs, REGION, describeDisk, describeInstance, sdk, start } from "./support/harness";

const SEED: SeedFile = {
  ...DEMO_FLEET,
  Instances: [
    ...(DEMO_FLEET.Instances as Record<string, unknown>[]),
    { InstanceId: "i-big", InstanceType: "ecs.r7.4xlarge", OSType: "windows", OSName: "Windows Server 2022 数据中心版 64位中文版" },
    {
      InstanceId: "i-pasted",
      InstanceType: "ecs.c7.large",
      Cpu: 3,
      HostName: "web-prod-7",
      VpcAttributes: { VpcId: "vpc-real", VSwitchId: "vsw-real", PrivateIpAddress: { IpAddress: ["10.1.2.3"] }, NatIpAddress: "" },
    },
  ],
};

let emu: RunningEmulator;
let ecs: ReturnType<typeof sdk>;
beforeAll(async () => {
  emu = await start({ seed: SEED, timeScale: 0 });
  ecs = sdk(emu);
});
afterAll(() => emu.close());

test("an instance: vCPUs and memory from its type, a host name, a VPC address on its primary network interface", async () => {
  const web = await describeInstance(ecs, DEMO_IDS.instances.web); // ecs.g7.large (the seed default)
  expect([web.cpu, web.memory, web.instanceTypeFamily]).toEqual([2, 8192, "ecs.g7"]);
  expect(web.hostName).toBe("iZdemo-web-1Z");
  const ip = web.vpcAttributes!.privateIpAddress!.ipAddress![0];
  expect(ip).toMatch(/^172\.(1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3}$/);
  expect(web.vpcAttributes!.vpcId).toMatch(/^vpc-/);
  const eni = web.networkInterfaces!.networkInterface![0];
  expect([eni.type, eni.primaryIpAddress, eni.macAddress]).toEqual(["Primary", ip, expect.stringMatching(/^00:16:3e(:[0-9a-f]{2}){3}$/)]);
  expect(web.OSNameEn).toBe("Ubuntu 22.04 64 bit");
  // Stable: the same answer on the next call.
  expect(await describeInstance(ecs, DEMO_IDS.instances.web)).toEqual(web);

  const big = await describeInstance(ecs, "i-big");
  expect([big.cpu, big.memory, big.hostName!.length <= 15]).toEqual([16, 131072, true]);
});

test("fields pasted into the seed win over the derived ones", async () => {
  const pasted = await describeInstance(ecs, "i-pasted");
  expect([pasted.cpu, pasted.memory, pasted.hostName]).toEqual([3, 4096, "web-prod-7"]);
  expect(pasted.vpcAttributes!.privateIpAddress!.ipAddress).toEqual(["10.1.2.3"]);
});

test("images: public or own, usable or not", async () => {
  const r = await ecs.describeImages(
    new $Ecs.DescribeImagesRequest({ regionId: REGION, imageId: [DEMO_IDS.images.ubuntu2204, DEMO_IDS.images.centosLarge, DEMO_IDS.images.deprecated].join(",") }),
  );
  const byId = new Map(r.body!.images!.image!.map((m) => [m.imageId, m]));
  const pub = byId.get(DEMO_IDS.images.ubuntu2204)!;
  const own = byId.get(DEMO_IDS.images.centosLarge)!;
  expect([pub.isPublic, pub.usable, pub.imageOwnerId]).toEqual([true, true, 0]);
  expect([own.isPublic, own.usable, own.imageOwnerId]).toEqual([false, true, expect.any(Number)]);
  expect(own.imageOwnerId).toBeGreaterThan(0);
  expect(byId.get(DEMO_IDS.images.deprecated)!.usable).toBe(false);
});

test("disks: IOPS from category and size", async () => {
  const data = await describeDisk(ecs, DEMO_IDS.disks.webData1); // cloud_essd, 100 GiB
  expect([data.IOPS, data.performanceLevel, data.attachedTime]).toEqual([6800, "PL1", expect.any(String)]);
  expect(data.attachedTime).not.toBe("");
});
