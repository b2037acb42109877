// Tag reads that lag writes (--tag-read-lag): a read may show the tags as they were up to L ago,
// never older; writes merge into the current tags; L = 0 reads every write at once.
import { DEMO_IDS, openInProcessEmulator } from "../../emulator";
import { TagHistory } from "../../emulator/model/tag-history";

const I = DEMO_IDS.instances;
const REGION = "cn-hangzhou";

describe("TagHistory", () => {
  const record = () => ({ Tags: [{ TagKey: "k", TagValue: "v1" }] });

  test("with lag 0 a read shows the last write", () => {
    const h = new TagHistory(0);
    const r = record();
    h.write(r, [{ TagKey: "k", TagValue: "v2" }]);
    expect(h.read(r)).toEqual([{ TagKey: "k", TagValue: "v2" }]);
  });

  test("a read lags by the drawn amount, never by more than the lag", () => {
    let t = 1_000_000;
    let draw = 1;
    const h = new TagHistory(10_000, () => draw, () => t);
    const r = record();
    h.write(r, [{ TagKey: "k", TagValue: "v2" }]); // at t
    t += 4_000;
    h.write(r, [{ TagKey: "k", TagValue: "v3" }]); // at t + 4 s
    t += 1_000;
    draw = 0.99; // reads as of ~9.9 s ago: before both writes
    expect(h.read(r)).toEqual([{ TagKey: "k", TagValue: "v1" }]);
    draw = 0.3; // 3 s ago: after the first write, before the second
    expect(h.read(r)).toEqual([{ TagKey: "k", TagValue: "v2" }]);
    draw = 0; // now
    expect(h.read(r)).toEqual([{ TagKey: "k", TagValue: "v3" }]);
    t += 10_001; // the lag has passed since the last write: every read is current
    draw = 1;
    expect(h.read(r)).toEqual([{ TagKey: "k", TagValue: "v3" }]);
  });
});

describe("emulator with --tag-read-lag", () => {
  test("ListTagResources and DescribeInstances may show an older value; TagResources merges into the current one", () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const emu = openInProcessEmulator({ tagReadLagSeconds: 3600, randomSeed: 7 });
    try {
      const tag = (key: string, value: string) =>
        emu.call("TagResources", { RegionId: REGION, ResourceType: "instance", "ResourceId.1": I.web, "Tag.1.Key": key, "Tag.1.Value": value });
      expect(tag("a", "1").statusCode).toBe(200);
      jest.setSystemTime(Date.UTC(2026, 0, 1, 0, 10));
      expect(tag("b", "2").statusCode).toBe(200);
      jest.setSystemTime(Date.UTC(2026, 0, 1, 0, 20));
      const seen = new Set<string>();
      for (let i = 0; i < 40; i++) {
        const listed = emu.call("ListTagResources", { RegionId: REGION, ResourceType: "instance", "ResourceId.1": I.web }).body as any;
        seen.add(listed.TagResources.TagResource.map((t: any) => `${t.TagKey}=${t.TagValue}`).sort().join(","));
        const described = emu.call("DescribeInstances", { RegionId: REGION, InstanceIds: JSON.stringify([I.web]) }).body as any;
        seen.add((described.Instances.Instance[0].Tags.Tag as any[]).map((t) => `${t.TagKey}=${t.TagValue}`).sort().join(","));
      }
      // Within an hour of the writes a read may see none, one or both of them...
      expect([...seen].sort()).toEqual(["", "a=1", "a=1,b=2"]);
      // ...but the second write did not lose the first: the tags as they are hold both.
      expect(emu.cloud.instances.get(I.web)!.Tags).toEqual([
        { TagKey: "a", TagValue: "1" },
        { TagKey: "b", TagValue: "2" },
      ]);
      // An hour after the last write every read is current.
      jest.setSystemTime(Date.UTC(2026, 0, 1, 1, 11));
      const later = emu.call("ListTagResources", { RegionId: REGION, ResourceType: "instance", "ResourceId.1": I.web }).body as any;
      expect(later.TagResources.TagResource.map((t: any) => t.TagKey)).toEqual(["a", "b"]);
    } finally {
      emu.close();
      jest.useRealTimers();
    }
  });

  test("without the option every read shows every write", () => {
    const emu = openInProcessEmulator({ randomSeed: 7 });
    try {
      emu.call("TagResources", { RegionId: REGION, ResourceType: "instance", "ResourceId.1": I.web, "Tag.1.Key": "a", "Tag.1.Value": "1" });
      for (let i = 0; i < 10; i++) {
        const listed = emu.call("ListTagResources", { RegionId: REGION, ResourceType: "instance", "ResourceId.1": I.web }).body as any;
        expect(listed.TagResources.TagResource).toEqual([{ ResourceId: I.web, ResourceType: "instance", TagKey: "a", TagValue: "1" }]);
      }
    } finally {
      emu.close();
    }
  });

  test("a negative lag is refused with a message naming the option", () => {
    expect(() => openInProcessEmulator({ tagReadLagSeconds: -1 })).toThrow(/tagReadLagSeconds/);
  });
});
