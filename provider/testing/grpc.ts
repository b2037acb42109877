// gRPC and protobuf modules, loaded from @pulumi/pulumi's own dependency tree so the generated
// stubs, the grpc-js instance and the Struct class are the ones the SDK and plugin use.
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));

export const grpc: typeof grpcTypes = fromPulumi("@grpc/grpc-js");
export const structproto: typeof structTypes = fromPulumi("google-protobuf/google/protobuf/struct_pb");
export const emptyproto = fromPulumi("google-protobuf/google/protobuf/empty_pb");
export const provproto: typeof import("@pulumi/pulumi/proto/provider_pb") = require("@pulumi/pulumi/proto/provider_pb");
export const provrpc: any = require("@pulumi/pulumi/proto/provider_grpc_pb");
export const statusproto: any = require("@pulumi/pulumi/proto/status_pb");
export const pluginproto: typeof import("@pulumi/pulumi/proto/plugin_pb") = require("@pulumi/pulumi/proto/plugin_pb");

/** Directory of the installed @pulumi/pulumi package. */
export const PULUMI_SDK_DIR = pulumiDir;
export const resproto: any = require("@pulumi/pulumi/proto/resource_pb");
export const resrpc: any = require("@pulumi/pulumi/proto/resource_grpc_pb");
export const engineproto: any = require("@pulumi/pulumi/proto/engine_pb");
export const enginerpc: any = require("@pulumi/pulumi/proto/engine_grpc_pb");
