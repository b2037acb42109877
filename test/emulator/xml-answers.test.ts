// Format=XML (legacy RPC clients): answers and errors as ECS shapes them, `<{Action}Response>` and
// `<Error>` documents whose elements mirror the JSON fields; lists are a wrapper element with one
// element per item. Without Format, or with Format=JSON/json, the answer is JSON.
import * as http from "http";
import type { RunningEmulator } from "../../emulator";
import { DEMO_IDS } from "../../emulator";
import { toXmlDocument } from "../../emulator/protocol/xml";
import { REGION, legacyUrl, start } from "./support/harness";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({ timeScale: 0 });
});
afterAll(() => emu.close());

function get(url: string): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: emu.port, path: url, agent: false }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, type: String(res.headers["content-type"]), text }));
      })
      .on("error", reject);
  });
}

test("the rendering: fields in order, lists as repeated elements, empty lists as empty wrappers, text escaped", () => {
  const xml = toXmlDocument("DescribeThingsResponse", {
    RequestId: "R-1",
    Things: { Thing: [{ Id: "a", Ok: true, Size: 40 }, { Id: "<b&c>", Ok: false, Size: 0 }] },
    Tags: { Tag: [] },
    Ips: { IpAddress: ["10.0.0.1", "10.0.0.2"] },
  });
  expect(xml).toBe(
    '<?xml version="1.0" encoding="UTF-8"?><DescribeThingsResponse><RequestId>R-1</RequestId>' +
      "<Things><Thing><Id>a</Id><Ok>true</Ok><Size>40</Size></Thing><Thing><Id>&lt;b&amp;c&gt;</Id><Ok>false</Ok><Size>0</Size></Thing></Things>" +
      "<Tags></Tags><Ips><IpAddress>10.0.0.1</IpAddress><IpAddress>10.0.0.2</IpAddress></Ips></DescribeThingsResponse>",
  );
});

test("a Describe answer in XML carries the same items as in JSON", async () => {
  const ids = JSON.stringify([DEMO_IDS.instances.web, DEMO_IDS.instances.batch]);
  const xml = await get(legacyUrl({ Action: "DescribeInstances", RegionId: REGION, InstanceIds: ids, Format: "XML" }));
  expect(xml.status).toBe(200);
  expect(xml.type).toMatch(/^text\/xml/);
  expect(xml.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><DescribeInstancesResponse><RequestId>[0-9A-F-]{36}<\/RequestId>/);
  expect(xml.text.split("<Instance>").length - 1).toBe(2);
  expect(xml.text).toContain(`<InstanceId>${DEMO_IDS.instances.web}</InstanceId>`);
  expect(xml.text).toContain("<TotalCount>2</TotalCount>");
  expect(xml.text).toMatch(/<\/DescribeInstancesResponse>$/);
  const json = await get(legacyUrl({ Action: "DescribeInstances", RegionId: REGION, InstanceIds: ids, Format: "json" }));
  expect(json.type).toMatch(/^application\/json/);
  expect(JSON.parse(json.text).TotalCount).toBe(2);
});

test("an error in XML is an <Error> document with the JSON error's fields and the HTTP status", async () => {
  const r = await get(legacyUrl({ Action: "ResetDisk", DiskId: "d-nope", SnapshotId: "s-nope", Format: "XML" }));
  expect(r.status).toBe(404);
  expect(r.text).toMatch(
    /^<\?xml version="1.0" encoding="UTF-8"\?><Error><RequestId>[0-9A-F-]{36}<\/RequestId><HostId>ecs.aliyuncs.com<\/HostId><Code>InvalidDiskId.NotFound<\/Code><Message>[^<]+<\/Message><Recommend>[^<]+<\/Recommend><\/Error>$/,
  );
  const gateway = await get(legacyUrl({ Action: "NoSuchAction", Format: "XML" }));
  expect(gateway.status).toBe(404);
  expect(gateway.text).toContain("<Code>InvalidAction.NotFound</Code>");
});

test("without Format the answer is JSON", async () => {
  const url = legacyUrl({ Action: "DescribeRegions", Format: undefined });
  expect(url).not.toContain("Format=");
  const r = await get(url);
  expect(r.type).toMatch(/^application\/json/);
  expect(JSON.parse(r.text).Regions.Region.length).toBeGreaterThan(0);
});
