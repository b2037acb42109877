// Captures what a real Pulumi program registers — the serialized `__provider` string and the full
// input property map as it goes over the wire (secrets still wrapped) — using pulumi.runtime.setMocks.
import * as pulumi from "@pulumi/pulumi";
import { getMonitor } from "@pulumi/pulumi/runtime/settings";

export interface CapturedRegistration {
  type: string;
  name: string;
  /** Inputs as sent to the monitor: secrets as {sig, value} objects, `__provider` included. */
  inputs: Record<string, unknown>;
  /** The serialized dynamic provider (`inputs.__provider`). */
  provider: string;
  additionalSecretOutputs: string[];
}

/**
 * Runs `program` under mocks and returns what it registered. The program returns the resources it
 * made; capture waits until each is registered. Mock outputs echo the inputs (id "<name>-id").
 */
export async function captureRegistrations(
  program: () => pulumi.Resource[] | Promise<pulumi.Resource[]>,
  options: {
    project?: string;
    stack?: string;
    preview?: boolean;
    /** Extra state the mock returns for a resource, on top of its echoed inputs. */
    outputs?: (args: pulumi.runtime.MockResourceArgs) => Record<string, unknown>;
  } = {},
): Promise<CapturedRegistration[]> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, ...options.outputs?.(args) } }),
      call: () => ({}),
    },
    options.project ?? "capture",
    options.stack ?? "test",
    options.preview ?? false,
  );
  const captured: CapturedRegistration[] = [];
  const monitor: any = getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: any) => {
    const inputs = req.getObject().toJavaScript() as Record<string, unknown>;
    captured.push({
      type: req.getType(),
      name: req.getName(),
      inputs,
      provider: String(inputs.__provider ?? ""),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return register(req, callback);
  };
  const resources = await program();
  await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  return captured;
}

/** The `__provider` text a resource built by `make` stores in state. */
export async function captureProvider(make: () => pulumi.Resource): Promise<string> {
  const [reg] = await captureRegistrations(() => [make()]);
  return reg.provider;
}
