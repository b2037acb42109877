// The stack state the test engine keeps between runs, as a JSON file.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { isSecret, SIG_KEY, SECRET_SIG, PropertyMap } from "../values";

export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  /** Provider id of a custom resource ("" for components). */
  id: string;
  /** Checked inputs (secrets wrapped as Pulumi secrets). */
  inputs: PropertyMap;
  /** Outputs as returned by the provider (secrets wrapped), including `__provider`. */
  outputs: PropertyMap;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** The serialized dynamic provider that created it (what `delete` runs later). */
  provider?: string;
  additionalSecretOutputs: string[];
  deleteBeforeReplace?: boolean;
  retainOnDelete?: boolean;
  /** Set when the last create/update failed after the provider had made something (partial state). */
  initErrors?: string[];
}

export interface StackState {
  version: 1;
  project: string;
  stack: string;
  resources: ResourceState[];
  /** The stack's exported outputs from the last `up`. */
  outputs: PropertyMap;
  /** Resources replaced create-before-delete whose deletion has not happened yet. */
  pendingDeletes?: ResourceState[];
}

export function emptyState(project: string, stack: string): StackState {
  return { version: 1, project, stack, resources: [], outputs: {} };
}

/** Reads the state; secrets come back as Pulumi secrets ({sig, value}). */
export function loadState(file: string, project: string, stack: string): StackState {
  if (!fs.existsSync(file)) return emptyState(project, stack);
  const state = JSON.parse(fs.readFileSync(file, "utf8")) as StackState;
  if (state.version !== 1) throw new Error(`unsupported state file version ${String(state.version)} in ${file}`);
  return mapSecrets(state, (s) => ({ [SIG_KEY]: SECRET_SIG, value: decrypt(s.ciphertext, keyFor(file)) }));
}

/**
 * Writes atomically (temp file + rename) so an interrupted run never leaves half a file. Secret
 * values are stored encrypted, as Pulumi does: {sig, ciphertext} with AES-256-GCM under a random
 * key kept next to the state (`<stateFile>.key`, mode 0600).
 */
export function saveState(file: string, state: StackState): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const key = keyFor(file);
  const stored = mapSecrets(state, (s) => ({ [SIG_KEY]: SECRET_SIG, ciphertext: encrypt(s.value, key) }));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(stored, null, 2) + "\n");
  fs.renameSync(tmp, file);
}

function mapSecrets<T>(v: T, f: (s: any) => unknown): T {
  if (isSecret(v) || isStoredSecret(v)) return f(v) as T;
  if (Array.isArray(v)) return v.map((x) => mapSecrets(x, f)) as unknown as T;
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = mapSecrets(x, f);
    return out as T;
  }
  return v;
}

function isStoredSecret(v: unknown): boolean {
  return typeof v === "object" && v !== null && (v as any)[SIG_KEY] === SECRET_SIG && typeof (v as any).ciphertext === "string";
}

function keyFor(stateFile: string): Buffer {
  const keyFile = `${stateFile}.key`;
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(path.resolve(keyFile)), { recursive: true });
    fs.writeFileSync(keyFile, crypto.randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
  }
  return Buffer.from(fs.readFileSync(keyFile, "utf8").trim(), "base64");
}

function encrypt(value: unknown, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value ?? null), "utf8"), cipher.final()]);
  return `v1:${iv.toString("base64")}:${cipher.getAuthTag().toString("base64")}:${body.toString("base64")}`;
}

function decrypt(ciphertext: string, key: Buffer): unknown {
  const [version, iv, tag, body] = ciphertext.split(":");
  if (version !== "v1") throw new Error("unsupported secret encoding in state file");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return JSON.parse(Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8"));
}

/**
 * Orders resources so each comes before everything it depends on (dependencies, property
 * dependencies, parent): the order to delete them in.
 */
export function deletionOrder(resources: ResourceState[]): ResourceState[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const created: ResourceState[] = [];
  const seen = new Set<string>();
  const visit = (r: ResourceState) => {
    if (seen.has(r.urn)) return;
    seen.add(r.urn);
    for (const dep of dependenciesOf(r)) {
      const d = byUrn.get(dep);
      if (d) visit(d);
    }
    created.push(r);
  };
  resources.forEach(visit);
  return created.reverse();
}

export function dependenciesOf(r: ResourceState): string[] {
  const deps = new Set<string>(r.dependencies);
  for (const urns of Object.values(r.propertyDependencies ?? {})) urns.forEach((u) => deps.add(u));
  if (r.parent) deps.add(r.parent);
  deps.delete(r.urn);
  return [...deps];
}
