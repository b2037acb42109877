// One run of the test engine: turns the program's registrations into provider calls on the real
// dynamic-provider plugin (Check -> Diff -> Create / Update / replace / same), keeps the stack
// state, and deletes what the program no longer registers.
import { ProviderPlugin, PluginCallError } from "../provider-plugin";
import { unwrapSecrets, PropertyMap } from "../values";
import type { MonitorHandlers, Registration, RegistrationResult } from "./monitor";
import { changedKeys, markSecrets, secretKeys } from "./properties";
import { deletionOrder, ResourceState, saveState, StackState } from "./state";
import type { EngineEvent, Operation, Step, StepOp } from "./types";
import { makeUrn, STACK_TYPE } from "./urn";

const PROVIDER_KEY = "__provider";

export class Deployment implements MonitorHandlers {
  readonly steps: Step[] = [];
  readonly errors: string[] = [];
  readonly logs: string[] = [];
  /** Current state by URN: starts as the prior state, updated as steps complete. */
  private readonly current: Map<string, ResourceState>;
  private readonly registered = new Set<string>();
  /** Old resources replaced create-before-delete, deleted once the program is done (kept in state until then). */
  private readonly replaced: ResourceState[];
  private stackOutputs: PropertyMap = {};
  private rootUrn = "";
  private inFlight = 0;
  private settled: (() => void)[] = [];

  constructor(
    private readonly operation: Operation,
    private readonly state: StackState,
    private readonly stateFile: string,
    private readonly plugin: () => Promise<ProviderPlugin>,
    private readonly onEvent?: (e: EngineEvent) => void,
  ) {
    this.current = new Map(state.resources.map((r) => [r.urn, r]));
    this.replaced = [...(state.pendingDeletes ?? [])];
  }

  private get preview(): boolean {
    return this.operation === "preview";
  }

  async registerResource(reg: Registration): Promise<RegistrationResult> {
    // Like Pulumi, start no new step once one failed.
    if (this.errors.length > 0) throw new Error(`not registering ${reg.name}: the deployment already failed`);
    this.inFlight++;
    try {
      return await this.register(reg);
    } finally {
      this.inFlight--;
      this.notify();
    }
  }

  /**
   * Resolves once a step has failed and no step is running any more. The program may never exit
   * by itself after a failed registration (the Pulumi engine ends it), so the caller stops it then.
   */
  failedAndIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.settled.push(resolve);
      this.notify();
    });
  }

  private notify(): void {
    if (this.errors.length === 0 || this.inFlight > 0) return;
    for (const resolve of this.settled.splice(0)) resolve();
  }

  private async register(reg: Registration): Promise<RegistrationResult> {
    const parent = reg.parent || (reg.type === STACK_TYPE ? undefined : this.rootUrn || undefined);
    const urn = makeUrn(this.state.stack, this.state.project, reg.type, reg.name, parent);
    if (this.registered.has(urn)) throw new Error(`${urn}: registered twice (duplicate resource name)`);
    this.registered.add(urn);
    if (reg.type === STACK_TYPE) this.rootUrn = urn;
    if (!reg.custom) return this.registerComponent(urn, reg, parent);
    if (!reg.type.startsWith("pulumi-nodejs:dynamic")) {
      throw this.fail(`${urn}: the test engine runs only dynamic resources (pulumi-nodejs:dynamic...), not ${reg.type}`);
    }
    if (reg.importId) throw this.fail(`${urn}: import is not supported by the test engine`);
    try {
      return await this.registerCustom(urn, reg, parent);
    } catch (e) {
      throw this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  registerResourceOutputs(urn: string, outputs: PropertyMap): void {
    if (urn === this.rootUrn) this.stackOutputs = outputs;
    const r = this.current.get(urn);
    if (r && !r.custom && !this.preview) {
      r.outputs = outputs;
      this.persist();
    }
  }

  log(severity: "debug" | "info" | "warning" | "error", message: string, urn: string): void {
    if (severity !== "debug") this.logs.push(`${severity}: ${message}`);
    this.emit({ type: "log", severity, message, urn });
  }

  get outputs(): PropertyMap {
    return this.stackOutputs;
  }

  /** After the program: delete replaced and no-longer-registered resources (reverse dependency order). */
  async deleteLeftovers(): Promise<void> {
    for (const old of [...this.replaced]) {
      await this.deleteResource(old, "replaced");
      this.replaced.splice(this.replaced.indexOf(old), 1);
      this.persist();
    }
    const orphans = [...this.current.values()].filter((r) => !this.registered.has(r.urn));
    for (const r of deletionOrder(orphans)) await this.deleteResource(r, "orphan");
  }

  /** `destroy`: delete everything in state, dependents first. */
  async destroyAll(): Promise<void> {
    for (const old of [...this.replaced]) {
      await this.deleteResource(old, "replaced");
      this.replaced.splice(this.replaced.indexOf(old), 1);
    }
    for (const r of deletionOrder([...this.current.values()])) await this.deleteResource(r, "orphan");
    this.stackOutputs = {};
  }

  private registerComponent(urn: string, reg: Registration, parent?: string): RegistrationResult {
    const old = this.current.get(urn);
    if (!this.preview) {
      this.current.set(urn, {
        urn, type: reg.type, name: reg.name, custom: false, id: "", inputs: reg.object, outputs: old?.outputs ?? {},
        parent, dependencies: reg.dependencies, propertyDependencies: reg.propertyDependencies, additionalSecretOutputs: [],
      });
      this.persist();
    }
    return { urn, id: "", object: {} };
  }

  private async registerCustom(urn: string, reg: Registration, parent?: string): Promise<RegistrationResult> {
    const plugin = await this.plugin();
    const old = this.current.get(urn);
    // The dynamic provider does not accept secrets: send plain values, re-mark them afterwards.
    const inputSecrets = secretKeys(reg.object);
    const checked = await plugin.check(urn, old ? unwrapSecrets(old.inputs) : {}, unwrapSecrets(reg.object));
    if (checked.failures.length > 0) {
      throw new Error(`${urn}: invalid inputs: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    const inputs = markSecrets(checked.inputs, inputSecrets);
    const plan = old ? await this.plan(plugin, urn, old, checked.inputs, inputs, reg) : { op: "create" as StepOp, diffKeys: [] };
    const { deleteBeforeReplace: _dbr, ...planned } = plan as typeof plan & { deleteBeforeReplace?: boolean };
    const step: Step = { urn, type: reg.type, name: reg.name, ...planned };
    if (old && plan.op !== "same") {
      step.changes = plan.diffKeys.map((key) => ({ key, old: old.inputs[key], new: inputs[key] }));
    }
    const base = {
      urn, type: reg.type, name: reg.name, custom: true, parent, dependencies: reg.dependencies,
      propertyDependencies: reg.propertyDependencies, additionalSecretOutputs: reg.additionalSecretOutputs,
      deleteBeforeReplace: reg.deleteBeforeReplace || undefined, retainOnDelete: reg.retainOnDelete || undefined,
      provider: String(inputs[PROVIDER_KEY] ?? ""),
    };
    const outputSecrets = [...inputSecrets, ...reg.additionalSecretOutputs];

    if (this.preview) {
      this.record(step);
      // Unchanged resources keep their outputs; everything else shows its inputs, the rest unknown.
      if (plan.op === "same") return { urn, id: old!.id, object: old!.outputs };
      return { urn, id: plan.op === "update" ? old!.id : "", object: markSecrets(inputs, outputSecrets) };
    }

    let result: { id: string; properties: PropertyMap };
    try {
      switch (plan.op) {
        case "same":
          this.current.set(urn, { ...old!, ...base, id: old!.id, inputs, outputs: old!.outputs, provider: old!.provider });
          this.persist();
          this.record(step);
          return { urn, id: old!.id, object: old!.outputs };
        case "update": {
          const updated = await plugin.update(old!.id, urn, unwrapSecrets(old!.outputs), checked.inputs);
          result = { id: old!.id, properties: updated.properties };
          break;
        }
        case "replace":
          if (plan.deleteBeforeReplace) {
            await this.deleteResource(old!, "replaced");
            this.current.delete(urn);
            this.persist();
          }
          result = await plugin.create(urn, checked.inputs);
          if (!plan.deleteBeforeReplace) this.replaced.push(old!);
          break;
        default:
          result = await plugin.create(urn, checked.inputs);
      }
    } catch (e) {
      step.error = e instanceof Error ? e.message : String(e);
      if (e instanceof PluginCallError && e.partial) {
        // The provider made something before failing: keep track of it (Pulumi records it too).
        if (plan.op === "replace" && !plan.deleteBeforeReplace) this.replaced.push(old!);
        // A failed update keeps the old inputs (the real engine does): the initErrors force the next update.
        this.current.set(urn, {
          ...base, id: e.partial.id, inputs: plan.op === "update" ? old!.inputs : inputs,
          outputs: markSecrets({ ...e.partial.properties, [PROVIDER_KEY]: inputs[PROVIDER_KEY] }, outputSecrets),
          initErrors: e.partial.reasons,
        });
        this.persist();
      }
      this.record(step);
      throw new Error(`${urn}: ${plan.op} failed: ${step.error}`);
    }
    const outputs = markSecrets(result.properties, outputSecrets);
    this.current.set(urn, { ...base, id: result.id, inputs, outputs });
    this.persist();
    this.record(step);
    return { urn, id: result.id, object: outputs };
  }

  private async plan(
    plugin: ProviderPlugin, urn: string, old: ResourceState, plainInputs: PropertyMap, inputs: PropertyMap, reg: Registration,
  ): Promise<{ op: StepOp; diffKeys: string[]; replaceKeys?: string[]; deleteBeforeReplace?: boolean }> {
    const diffKeys = changedKeys(old.inputs, inputs);
    const diff = await plugin.diff(old.id, urn, unwrapSecrets(old.outputs), plainInputs);
    const replaceKeys = [...new Set([...diff.replaces, ...diffKeys.filter((k) => reg.replaceOnChanges.includes(k) || reg.replaceOnChanges.includes("*"))])];
    if (old.initErrors) {
      // A failed create/update left partial state: try again.
      return replaceKeys.length ? { op: "replace", diffKeys, replaceKeys } : { op: "update", diffKeys };
    }
    if (replaceKeys.length > 0) {
      return {
        op: "replace", diffKeys: [...new Set([...diffKeys, ...replaceKeys])].sort(), replaceKeys,
        deleteBeforeReplace: diff.deleteBeforeReplace || reg.deleteBeforeReplace,
      };
    }
    if (diff.changes === "some") return { op: "update", diffKeys };
    if (diff.changes === "none") return { op: "same", diffKeys: [] };
    return { op: diffKeys.length > 0 ? "update" : "same", diffKeys };
  }

  private async deleteResource(r: ResourceState, why: "replaced" | "orphan"): Promise<void> {
    const step: Step = { urn: r.urn, type: r.type, name: r.name, op: "delete", diffKeys: [] };
    if (this.preview) {
      if (why === "orphan" && r.custom) this.record(step);
      return;
    }
    if (r.custom && !r.retainOnDelete) {
      const plugin = await this.plugin();
      try {
        await plugin.delete(r.id, r.urn, unwrapSecrets(r.outputs));
      } catch (e) {
        step.error = e instanceof Error ? e.message : String(e);
        this.record(step);
        throw this.fail(`${r.urn}: delete failed: ${step.error}`);
      }
    }
    if (why === "orphan") this.current.delete(r.urn);
    this.persist();
    if (r.custom && why === "orphan") this.record(step);
  }

  private record(step: Step): void {
    this.steps.push(step);
    this.emit({ type: "step", step });
  }

  /** A throwing listener must not break the deployment. */
  private emit(e: EngineEvent): void {
    try {
      this.onEvent?.(e);
    } catch {
      // ignored on purpose
    }
  }

  private fail(message: string): Error {
    if (!this.errors.includes(message)) this.errors.push(message);
    return new Error(message);
  }

  /** Writes the current state (never during preview). */
  persist(): void {
    if (this.preview) return;
    this.state.resources = [...this.current.values()];
    this.state.outputs = this.stackOutputs;
    this.state.pendingDeletes = this.replaced.length ? [...this.replaced] : undefined;
    saveState(this.stateFile, this.state);
  }
}
