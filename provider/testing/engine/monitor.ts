// The ResourceMonitor and Engine gRPC services a Pulumi program talks to, served for the test
// engine. Resource work is delegated to `MonitorHandlers`; what the test engine does not
// implement (Invoke, Call, ReadResource, transforms, hooks, packages) fails with a clear message.
import { grpc, emptyproto, resproto, resrpc, enginerpc, engineproto } from "../grpc";
import { fromStruct, toStruct, PropertyMap } from "../values";

export interface Registration {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  object: PropertyMap;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  deleteBeforeReplace: boolean;
  additionalSecretOutputs: string[];
  replaceOnChanges: string[];
  retainOnDelete: boolean;
  importId: string;
}

export interface RegistrationResult { urn: string; id: string; object: PropertyMap }

export interface MonitorHandlers {
  registerResource(reg: Registration): Promise<RegistrationResult>;
  registerResourceOutputs(urn: string, outputs: PropertyMap): void;
  log(severity: "debug" | "info" | "warning" | "error", message: string, urn: string): void;
}

/** Features this monitor supports; the SDK adapts to the rest. */
const FEATURES = new Set(["secrets"]);

export interface MonitorServer { address: string; close(): Promise<void> }

export async function startMonitor(handlers: MonitorHandlers): Promise<MonitorServer> {
  let rootUrn = "";
  const unimplemented = (what: string) => (_call: unknown, callback: any) =>
    callback({ code: grpc.status.UNIMPLEMENTED, details: `${what} is not supported by the diskops test engine` });
  const fail = (callback: any, e: unknown) =>
    callback({ code: grpc.status.UNKNOWN, details: e instanceof Error ? e.message : String(e) });

  const monitor = {
    supportsFeature(call: any, callback: any) {
      const resp = new resproto.SupportsFeatureResponse();
      resp.setHassupport(FEATURES.has(call.request.getId()));
      callback(null, resp);
    },
    async registerResource(call: any, callback: any) {
      try {
        const result = await handlers.registerResource(toRegistration(call.request));
        const resp = new resproto.RegisterResourceResponse();
        resp.setUrn(result.urn);
        resp.setId(result.id);
        resp.setObject(toStruct(result.object));
        callback(null, resp);
      } catch (e) {
        fail(callback, e);
      }
    },
    registerResourceOutputs(call: any, callback: any) {
      try {
        handlers.registerResourceOutputs(call.request.getUrn(), fromStruct(call.request.getOutputs()));
        callback(null, new emptyproto.Empty());
      } catch (e) {
        fail(callback, e);
      }
    },
    signalAndWaitForShutdown(_call: any, callback: any) {
      callback(null, new emptyproto.Empty());
    },
    getDeploymentInfo: unimplemented("GetDeploymentInfo"),
    invoke: unimplemented("Invoke (data sources)"),
    call: unimplemented("Call (component methods)"),
    readResource: unimplemented("ReadResource (get/import of existing resources)"),
    registerStackTransform: unimplemented("RegisterStackTransform"),
    registerStackInvokeTransform: unimplemented("RegisterStackInvokeTransform"),
    registerResourceHook: unimplemented("RegisterResourceHook"),
    registerErrorHook: unimplemented("RegisterErrorHook"),
    registerPackage: unimplemented("RegisterPackage (provider packages)"),
  };

  const SEVERITY = ["debug", "info", "warning", "error"] as const;
  const engine = {
    log(call: any, callback: any) {
      const r = call.request;
      handlers.log(SEVERITY[r.getSeverity()] ?? "info", r.getMessage(), r.getUrn());
      callback(null, new emptyproto.Empty());
    },
    getRootResource(_call: any, callback: any) {
      const resp = new engineproto.GetRootResourceResponse();
      resp.setUrn(rootUrn);
      callback(null, resp);
    },
    setRootResource(call: any, callback: any) {
      rootUrn = call.request.getUrn();
      callback(null, new engineproto.SetRootResourceResponse());
    },
    startDebugging: unimplemented("StartDebugging"),
    requirePulumiVersion(_call: any, callback: any) {
      callback(null, new engineproto.RequirePulumiVersionResponse());
    },
  };

  const server = new grpc.Server();
  server.addService(resrpc.ResourceMonitorService, monitor as any);
  server.addService(enginerpc.EngineService, engine as any);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

function toRegistration(req: any): Registration {
  const propertyDependencies: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
    propertyDependencies[key] = deps.getUrnsList();
  });
  return {
    type: req.getType(),
    name: req.getName(),
    parent: req.getParent(),
    custom: req.getCustom(),
    object: fromStruct(req.getObject()),
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    deleteBeforeReplace: req.getDeletebeforereplace(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    replaceOnChanges: req.getReplaceonchangesList(),
    retainOnDelete: !!req.getRetainondelete?.(),
    importId: req.getImportid(),
  };
}
