// DescribeKeyPairs (KeyPairName supports the `*` wildcard, as the API does).
import { renderKeyPair } from "../render/resources";
import type { ActionDef } from "./context";
import { page } from "./paging";
import { regionParam } from "./preconditions";

function matcher(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  const re = new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return (name) => re.test(name);
}

const describeKeyPairs: ActionDef = {
  mutates: false,
  handle({ cloud, params }) {
    const region = regionParam(params);
    const matches = matcher(params.str("KeyPairName"));
    const fingerprint = params.str("KeyPairFingerPrint");
    const all = [...cloud.keyPairs.values()].filter(
      (k) => k.RegionId === region && matches(k.KeyPairName) && (fingerprint === undefined || k.KeyPairFingerPrint === fingerprint),
    );
    const p = page(all, params, 50);
    return {
      KeyPairs: { KeyPair: p.items.map((k) => renderKeyPair(cloud, k)) },
      PageNumber: p.PageNumber,
      PageSize: p.PageSize,
      TotalCount: p.TotalCount,
    };
  },
};

export const KEY_PAIR_ACTIONS: Record<string, ActionDef> = { DescribeKeyPairs: describeKeyPairs };
