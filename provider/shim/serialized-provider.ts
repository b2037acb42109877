// The provider object Pulumi serializes into `__provider` in the state of every resource.
//
// It must stay a thin shim: the closure serializer copies everything a method captures into the
// state, so the methods capture nothing but `kind` and load the implementation by PACKAGE NAME at
// call time (never an absolute path: state travels between machines, and `delete` runs the shim
// stored in state). `require` and `process` are globals the serializer leaves alone.
//
// DISKOPS_LOGIC_MODULE is for tests only: it points the shim at a stub logic module so the
// plumbing can be exercised without ECS. Never set it in a real deployment.
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../implementation";

/** The serializer caches by object identity, so hand out one shim object per kind. */
const shims = new Map<ResourceKind, pulumi.dynamic.ResourceProvider>();

export function makeProvider(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (!shim) {
    shim = buildShim(kind);
    shims.set(kind, shim);
  }
  return shim;
}

function buildShim(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const logic = () => require(process.env.DISKOPS_LOGIC_MODULE || "pulumi-alicloud-diskops/implementation");
  // Forwards to the logic; a method it lacks behaves as the plugin does for a missing method.
  // Results and partial state go through JSON: the plugin's Struct conversion rejects `undefined`
  // (in an error's `properties` that would leave the call unanswered forever).
  const plain = (v: any) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));
  const fwd = async (m: string, a: any[]): Promise<any> => {
    const p = logic().provider(kind);
    try {
      if (p[m]) return plain(await p[m](...a));
    } catch (e: any) {
      if (e && e.properties) e.properties = plain(e.properties);
      throw e;
    }
    return m === "check" ? { inputs: a[1] } : m === "read" ? { id: a[0], props: a[1] } : m === "update" ? { outs: a[2] } : {};
  };
  return {
    // The plugin calls this once per shim text, before any other method, and awaits it.
    // Config.get() only reads single keys, so forward the whole raw map it wraps. The call into
    // the logic is synchronous, so calls racing in while the plugin awaits this see configured logic.
    configure: async (req) => {
      const raw: any = (req.config as any)?.rawConfig || {};
      const config: Record<string, string> = {};
      for (const k of Object.keys(raw)) if (raw[k] != null) config[k] = typeof raw[k] === "string" ? raw[k] : JSON.stringify(raw[k]);
      logic().configure(config);
    },
    check: (olds, news) => fwd("check", [olds, news]),
    diff: (id, olds, news) => fwd("diff", [id, olds, news]),
    create: (inputs) => fwd("create", [inputs]),
    read: (id, props) => fwd("read", [id, props]),
    update: (id, olds, news) => fwd("update", [id, olds, news]),
    delete: (id, props) => fwd("delete", [id, props]),
  };
}
