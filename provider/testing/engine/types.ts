// Public types of the test engine.
import type { PropertyMap, SecretValue } from "../values";

export type Operation = "preview" | "up" | "destroy";
export type StepOp = "create" | "update" | "replace" | "delete" | "same";

export interface PropertyChange { key: string; old?: unknown; new?: unknown }

export interface Step {
  urn: string;
  type: string;
  name: string;
  op: StepOp;
  /** Input keys that changed (for replace, including the keys that forced it). */
  diffKeys: string[];
  /** Keys the provider said force a replacement. */
  replaceKeys?: string[];
  /** Old and new values of the changed keys (secrets still wrapped; format with formatValue). */
  changes?: PropertyChange[];
  /** Set when the step failed. */
  error?: string;
}

export type EngineEvent =
  | { type: "step"; step: Step }
  | { type: "log"; severity: "debug" | "info" | "warning" | "error"; message: string; urn: string };

export interface RunEngineOptions {
  operation: Operation;
  /** Project directory holding the program (package.json main, index.js or index.ts). */
  programDir?: string;
  /** A program file (.js or .ts); its directory is the project directory unless programDir is given. */
  program?: string;
  /** Project name. Default: `name:` of Pulumi.yaml in the project directory, else its base name. */
  project?: string;
  stack: string;
  stateFile: string;
  /** Stack config. Keys without a namespace get the project's. Secret values as values.secret(...). */
  config?: Record<string, string | SecretValue>;
  /** Extra environment for the program and the provider plugin. */
  env?: Record<string, string | undefined>;
  onEvent?: (e: EngineEvent) => void;
  /** Deadline for each provider call (ms). Default: none (ECS operations can take long). */
  callTimeoutMs?: number;
  /**
   * `up` only: skip the preview pass. Default false: like `pulumi up` without `--skip-preview`,
   * the program first runs as a preview with its own provider process (Check runs twice).
   */
  skipPreview?: boolean;
}

export interface RunEngineResult {
  steps: Step[];
  /** Stack outputs (secrets wrapped, unknowns as the placeholder during preview). */
  outputs: PropertyMap;
  /** Why the run failed, when it did. */
  failed?: string;
  /** The program's and plugin's output (for diagnostics). */
  diagnostics: string;
}
