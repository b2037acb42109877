// docs/emulator-clients.md states what the emulator serves and what it does not model; this
// proves each statement against the emulator itself: the actions table is the action registry,
// with the paging and DryRun each row claims (DryRun matched with the SDK's request models and
// tried live), every "does not model" item has a check here (and every check an item), and the
// fields left out are the ones the conformance suites accept as absent.
import * as fs from "fs";
import * as path from "path";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { ACTIONS } from "../../emulator/actions";
import { packageRoot } from "../../provider/testing/package-root";
import { loadSpec, substitute, valueAt } from "../clients/support/cases";
import { officialClient, type NodeClient } from "../clients/support/node-clients";
import { REGION, admin, captureRequest, legacyUrl, rawRequest, replay, sdk, start } from "../emulator/support/harness";

const DOC_PATH = path.join(packageRoot(), "docs", "emulator-clients.md");
const DOC = fs.readFileSync(DOC_PATH, "utf8");

/** The text under a `## heading`, up to the next `## `. */
function section(heading: string): string {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/emulator-clients.md has no "## ${heading}"`);
  const rest = DOC.slice(start + heading.length + 5);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Rows of the tables in `text` whose first cell is code: [first cell without backticks, other cells...]. */
function tableRows(text: string): string[][] {
  return text
    .split("\n")
    .filter((l) => /^\| `/.test(l))
    .map((l) => l.split("|").slice(1, -1).map((c, i) => (i === 0 ? c.trim().replace(/^`|`$/g, "") : c.trim())));
}

const actionsTable = new Map(tableRows(section("Actions served")).map(([action, paging, dryRun]) => [action, { paging, dryRun }]));

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await start({ timeScale: 0 });
});
afterAll(() => emu.close());

describe("Actions served", () => {
  test("the table lists exactly the actions of the registry", () => {
    expect([...actionsTable.keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  test("DryRun is marked exactly where the SDK's request model has a DryRun parameter", () => {
    for (const [action, { dryRun }] of actionsTable) {
      const requestModel = ($Ecs as unknown as Record<string, { names(): Record<string, string> }>)[`${action}Request`];
      expect([action, dryRun === "DryRunOperation"]).toEqual([action, Object.values(requestModel.names()).includes("DryRun")]);
    }
  });

  test("every action marked DryRunOperation answers it, at its point in the conformance sequence, and changes nothing", async () => {
    const client: NodeClient = officialClient(emu.port);
    const saved: Record<string, string> = {};
    const dryRunActions = new Set([...actionsTable].filter(([, r]) => r.dryRun === "DryRunOperation").map(([a]) => a));
    const tried = new Set<string>();
    for (const c of loadSpec().cases) {
      const params = substitute(c.params, saved);
      if (dryRunActions.has(c.action) && !c.error) {
        const dry = await client.call(c.action, { ...params, DryRun: true });
        expect([c.action, dry.ok ? "data" : dry.code]).toEqual([c.action, "DryRunOperation"]);
        tried.add(c.action);
      }
      // The real call still succeeds (or fails as the case expects): the dry run changed nothing.
      const real = await client.call(c.action, params);
      expect([c.action, c.name, real.ok]).toEqual([c.action, c.name, !c.error]);
      if (real.ok) for (const [name, at] of Object.entries(c.save ?? {})) saved[name] = String(valueAt(real.body, at));
    }
    expect([...tried].sort()).toEqual([...dryRunActions].sort());
  });

  test("NextToken is answered exactly by the actions whose paging names it; PageSize maxima are as stated", async () => {
    const reads = [...actionsTable].filter(([a]) => /^(Describe|List)/.test(a));
    for (const [action, { paging }] of reads) {
      const params: Record<string, string> =
        action === "ListTagResources" ? { RegionId: REGION, ResourceType: "instance", "ResourceId.1": "i-demo-web-1" } : action === "DescribeRegions" ? {} : { RegionId: REGION };
      const r = await rawRequest(emu, "GET", legacyUrl({ Action: action, ...params }));
      expect([action, r.status]).toEqual([action, 200]);
      expect([action, "NextToken" in r.body]).toEqual([action, paging.includes("NextToken")]);
      const max = /PageNumber\/PageSize \(max (\d+)\)/.exec(paging);
      if (max) {
        const ok = await rawRequest(emu, "GET", legacyUrl({ Action: action, ...params, PageSize: max[1] }));
        const over = await rawRequest(emu, "GET", legacyUrl({ Action: action, ...params, PageSize: String(Number(max[1]) + 1) }));
        expect([action, ok.status, over.status, over.body.Code]).toEqual([action, 200, 400, "InvalidParameter"]);
      }
    }
  });
});

/** One check per item of "What the emulator does not model", by its bold lead. */
const NOT_MODELLED: Record<string, () => Promise<void>> = {
  "No XML by default.": async () => {
    const r = await rawRequest(emu, "GET", legacyUrl({ Action: "DescribeRegions", Format: undefined }));
    expect([r.status, r.headers["content-type"]]).toEqual([200, expect.stringMatching(/^application\/json/)]);
  },
  "Other signatures.": async () => {
    const captured = await captureRequest((port) => sdk(emu, { port }).describeRegions(new $Ecs.DescribeRegionsRequest({})));
    for (const algorithm of ["ACS3-RSA-SHA256", "ACS4-HMAC-SHA256"]) {
      const r = await replay(emu, captured, (c) => ({ ...c, headers: { ...c.headers, authorization: String(c.headers.authorization).replace("ACS3-HMAC-SHA256", algorithm) } }));
      expect([algorithm, r.status, r.body.Code]).toEqual([algorithm, 400, "IncompleteSignature"]);
    }
    const bearer = await rawRequest(emu, "GET", "/?Action=DescribeRegions&Version=2014-05-26&Format=JSON&SignatureType=BEARERTOKEN&BearerToken=t");
    expect([bearer.status, bearer.body.Code]).toEqual([400, "IncompleteSignature"]);
  },
  "NextToken only where ECS documents it.": async () => {
    for (const action of ["DescribeImages", "DescribeKeyPairs", "DescribeInstanceStatus"]) {
      const r = await rawRequest(emu, "GET", legacyUrl({ Action: action, RegionId: REGION, PageSize: "1" }));
      expect([action, r.status, "NextToken" in r.body, Number(r.body.TotalCount) > 1 || action === "DescribeKeyPairs"]).toEqual([action, 200, false, true]);
    }
  },
  "Paging by offset.": async () => {
    const ecs = sdk(emu);
    const list = (nextToken?: string) =>
      ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, diskId: "d-demo-web-1-data-1", maxResults: 1, nextToken })).then((r) => r.body!);
    const first = await list();
    const all = (await ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, diskId: "d-demo-web-1-data-1" }))).body!;
    expect(all.snapshots!.snapshot!.length).toBe(3);
    // The first item goes away between two pages: the item that was second is skipped.
    const gone = first.snapshots!.snapshot![0].snapshotId!;
    const snapshot = emu.cloud.snapshots.get(gone)!;
    emu.cloud.snapshots.delete(gone);
    try {
      const second = await list(first.nextToken);
      expect(second.snapshots!.snapshot![0].snapshotId).toBe(all.snapshots!.snapshot![2].snapshotId);
    } finally {
      emu.cloud.snapshots.set(gone, snapshot);
    }
  },
  "One network per region.": async () => {
    const r = await sdk(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION }));
    const instances = r.body!.instances!.instance!;
    expect(new Set(instances.map((i) => i.vpcAttributes!.vpcId)).size).toBe(1);
    expect(new Set(instances.map((i) => i.securityGroupIds!.securityGroupId!.join())).size).toBe(1);
    expect(instances.every((i) => i.publicIpAddress!.ipAddress!.length === 0 && i.eipAddress!.ipAddress === "")).toBe(true);
  },
  "DescribeInstanceStatus ignores `ClusterId`.": async () => {
    const r = await rawRequest(emu, "GET", legacyUrl({ Action: "DescribeInstanceStatus", RegionId: REGION, ClusterId: "c-nope" }));
    expect(r.body.TotalCount).toBe(5);
  },
  "Fields left out.": async () => {
    const rows = tableRows(DOC.slice(DOC.indexOf('<a id="fields-left-out"></a>')));
    const documented = Object.fromEntries(rows.map(([action, fields]) => [action, [...fields.matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort()]));
    const accepted = Object.fromEntries(Object.entries(loadSpec().optionalFields).map(([a, f]) => [a, [...f].sort()]));
    expect(documented).toEqual(accepted);
  },
};

describe("What the emulator does not model", () => {
  beforeAll(() => admin(emu, "POST", "reset-state"));
  const items = [...section("What the emulator does not model").matchAll(/^- \*\*(.+?)\*\*/gm)].map((m) => m[1]);

  test("every item has a check, and every check an item", () => {
    expect(items.sort()).toEqual(Object.keys(NOT_MODELLED).sort());
  });

  test.each(Object.keys(NOT_MODELLED))("%s", async (item) => {
    await NOT_MODELLED[item]();
  });
});

test("the clients table names test files that exist", () => {
  const files = [...section("Clients verified").matchAll(/`(test\/[^`]+)`/g)].map((m) => m[1]);
  expect(files.length).toBeGreaterThanOrEqual(2);
  for (const f of files) expect([f, fs.existsSync(path.join(packageRoot(), f))]).toEqual([f, true]);
  for (const mode of ['signature_algorithm="v2"', 'signature_algorithm="ACS3-HMAC-SM3"', "Format=XML"]) expect(section("Clients verified")).toContain(mode);
});
