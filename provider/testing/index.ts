// Testing helpers for users' own tests (import "pulumi-alicloud-diskops/testing"):
// a gRPC client for the real dynamic-provider plugin, Pulumi wire values, and the test engine.
// Not loaded by the package entry point.
export * from "./provider-plugin";
export * from "./values";
export { runEngine, formatSummary, formatValue, loadState } from "./engine";
export type { RunEngineOptions, RunEngineResult, Step, StepOp, EngineEvent, Operation, StackState, ResourceState } from "./engine";
