// Benchmark 4: the serialized provider (`__provider`) stored in the state of every resource: its
// size per resource kind, and proof that it carries no secret and no machine-specific path.
// The string is captured as a real program registers it, via pulumi.runtime.setMocks (the same
// approach as test/support/capture-provider.ts). Run last: mocks are process-wide.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { getMonitor } from "@pulumi/pulumi/runtime/settings";
import { DEMO_ACCESS_KEY, DEMO_IDS } from "../emulator";
import { DiskRestore, SystemDiskReplacement } from "../provider";
import { LiveTable, type BenchResult } from "./support/report";

/** DESIGN.md: the serialized provider stays under 4 KB. */
const BUDGET_BYTES = 4096;
const CANARIES = {
  "access key secret (env)": "bench-canary-access-key-secret-7f3a",
  "security token (env)": "bench-canary-security-token-91c2",
  "password (Pulumi secret input)": "Bench-Canary-Pw1!",
};

interface Captured {
  type: string;
  provider: string;
}

export async function benchProviderSize(): Promise<BenchResult> {
  const savedEnv = { ...process.env };
  Object.assign(process.env, {
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.AccessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: CANARIES["access key secret (env)"],
    ALIBABA_CLOUD_SECURITY_TOKEN: CANARIES["security token (env)"],
  });
  let captured: Captured[];
  try {
    captured = await capture(() => [
      new DiskRestore("restore", { disks: [{ diskId: DEMO_IDS.disks.webData1, snapshotId: DEMO_IDS.snapshots.webData1 }] }),
      new SystemDiskReplacement("replace", {
        instanceId: DEMO_IDS.instances.web,
        imageId: DEMO_IDS.images.ubuntu2404,
        password: pulumi.secret(CANARIES["password (Pulumi secret input)"]),
      }),
    ]);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
    Object.assign(process.env, savedEnv);
  }

  const repoDir = path.resolve(__dirname, "..", "..");
  const forbidden: Record<string, string> = { ...CANARIES, "demo access key secret": DEMO_ACCESS_KEY.AccessKeySecret, "absolute path of the checkout": repoDir };
  const table = new LiveTable(["Resource", "`__provider` size (bytes)", `Budget (${BUDGET_BYTES} B)`, "Secrets or local paths found"]);
  const sizes: Record<string, number> = {};
  const leaks: string[] = [];
  for (const c of captured) {
    const kind = c.type.split(":").pop()!;
    const bytes = Buffer.byteLength(c.provider, "utf8");
    if (bytes === 0) throw new Error(`no __provider captured for ${c.type}`);
    const found = Object.entries(forbidden).filter(([, value]) => c.provider.includes(value)).map(([what]) => what);
    leaks.push(...found.map((f) => `${kind}: ${f}`));
    sizes[kind] = bytes;
    table.add([kind, bytes, bytes <= BUDGET_BYTES ? "within" : "OVER", found.length === 0 ? "none" : found.join(", ")]);
  }
  const loadsByName = captured.every((c) => c.provider.includes("pulumi-alicloud-diskops/implementation"));
  return {
    id: "provider-size",
    title: "4. Serialized provider size",
    method:
      "Each resource is constructed in a Pulumi program run under pulumi.runtime.setMocks; the `__provider` input is " +
      "read from the registration request as it goes to the engine (it is what every resource's state stores). " +
      `Before construction the environment holds a canary access key secret and security token, and the ` +
      `SystemDiskReplacement gets a canary password as a Pulumi secret; the string is searched for each canary, the ` +
      `demo key's secret and the checkout's absolute path (${repoDir}).`,
    tables: [table],
    notes: [
      loadsByName
        ? "Both strings load the implementation by package name (`pulumi-alicloud-diskops/implementation`) at call time."
        : "WARNING: a captured provider does not load the implementation by package name.",
    ],
    headline: [
      `Serialized provider: ${Object.entries(sizes).map(([k, b]) => `${k} ${b} B`).join(", ")} (budget ${BUDGET_BYTES} B); ` +
        (leaks.length === 0 ? "no secret or local path in it" : `LEAKS: ${leaks.join("; ")}`),
    ],
    data: { sizes, leaks, loadsByName },
  };
}

/** Runs `program` under mocks and returns each registration's type and `__provider` text (mocks are process-wide). */
export async function capture(program: () => pulumi.Resource[]): Promise<Captured[]> {
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) },
    "bench",
    "bench",
    false,
  );
  const captured: Captured[] = [];
  const monitor: any = getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: any) => {
    const inputs = req.getObject().toJavaScript() as Record<string, unknown>;
    captured.push({ type: req.getType(), provider: String(inputs.__provider ?? "") });
    return register(req, callback);
  };
  const resources = program();
  await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  return captured;
}
