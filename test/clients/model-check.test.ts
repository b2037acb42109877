// The model comparison the conformance suites rely on finds each kind of disagreement.
import { compareWithModel } from "./support/model-check";

const region = { RegionId: "cn-hangzhou", LocalName: "x", RegionEndpoint: "ecs.aliyuncs.com", Status: "available" };

test("a conforming answer has no disagreement", () => {
  expect(compareWithModel("DescribeRegions", { RequestId: "r", Regions: { Region: [region] } })).toEqual([]);
});

test("unknown names, wrong types and missing fields are each reported with their path", () => {
  const found = compareWithModel("DescribeRegions", {
    RequestId: 7,
    Regions: { Region: [{ ...region, Status: undefined, Extra: 1 }, { ...region, LocalName: ["x"] }] },
  });
  expect(found).toEqual(
    expect.arrayContaining([
      { path: "RequestId", kind: "type", detail: expect.stringContaining("expected string") },
      { path: "Regions.Region[].Extra", kind: "unknown", detail: expect.any(String) },
      { path: "Regions.Region[].LocalName", kind: "type", detail: expect.any(String) },
    ]),
  );
  expect(found).toHaveLength(4); // plus Status: undefined is a wrong type (JSON never has undefined)
});

test("a missing field is reported unless it is optional for the action, or below an optional path", () => {
  const body = { RequestId: "r", Regions: { Region: [{ RegionId: "cn-hangzhou", LocalName: "x", RegionEndpoint: "e" }] } };
  expect(compareWithModel("DescribeRegions", body)).toEqual([{ path: "Regions.Region[].Status", kind: "missing", detail: expect.any(String) }]);
  expect(compareWithModel("DescribeRegions", body, ["Regions.Region[].Status"])).toEqual([]);
  expect(compareWithModel("DescribeRegions", { RequestId: "r" }, ["Regions"])).toEqual([]);
});
