// A stand-in for provider/logic, for plumbing tests only. The shim loads it instead of the real
// logic when DISKOPS_LOGIC_MODULE points here. It records every call as a JSON line in the file
// named by DISKOPS_STUB_LOG (secret values recorded only as their length) and behaves simply:
//   check   fails when news.failCheck is set; never answers when news.hangCheck is set
//   diff    changes = changed input keys; changing `instanceId` or `replaceKey` forces replacement
//           (deleteBeforeReplace when news.deleteBeforeReplace)
//   create  id "<kind>-<n>"; outs = inputs + configuredRegion + sequence; news.failCreate throws
//           an error carrying partial state (id, properties, reasons)
//   update  outs = news + updatedCount; news.failUpdate throws with partial state
"use strict";
const fs = require("fs");

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
let config; // set by configure()
let seq = 0;

function record(entry) {
  if (process.env.DISKOPS_STUB_LOG) fs.appendFileSync(process.env.DISKOPS_STUB_LOG, JSON.stringify(entry) + "\n");
}

function inputsOf(props) {
  const out = {};
  for (const [k, v] of Object.entries(props || {})) if (k !== "__provider") out[k] = v;
  return out;
}

function shape(props) {
  const out = {};
  for (const [k, v] of Object.entries(inputsOf(props))) out[k] = /password|secret/i.test(k) ? { length: String(v).length } : v;
  return out;
}

// Output keys the stub computes itself: never compared as inputs.
const COMPUTED = new Set(["__provider", "configuredRegion", "sequence", "updatedCount", "systemDiskId", "readBack"]);

function changedKeys(olds, news) {
  const keys = new Set([...Object.keys(olds || {}), ...Object.keys(news || {})]);
  return [...keys].filter((k) => !COMPUTED.has(k) && JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
}

function failure(message, id, properties) {
  const err = new Error(message);
  err.id = id;
  err.properties = properties;
  err.reasons = [message];
  return err;
}

exports.configure = function configure(c) {
  config = { ...c };
  record({
    op: "configure",
    keys: Object.keys(c).sort(),
    region: c["alicloud:region"],
    secretKeyLength: c["alicloud:secretKey"] === undefined ? undefined : c["alicloud:secretKey"].length,
    secretKeyIsString: typeof c["alicloud:secretKey"] === "string" || c["alicloud:secretKey"] === undefined,
  });
};

exports.provider = function provider(kind) {
  return {
    async check(olds, news) {
      record({ op: "check", kind, configured: !!config, news: shape(news) });
      if (news.hangCheck) return new Promise(() => undefined);
      if (news.failCheck) return { inputs: news, failures: [{ property: "failCheck", reason: "stub check failure" }] };
      return { inputs: news };
    },
    async diff(id, olds, news) {
      const changed = changedKeys(olds, news);
      record({ op: "diff", kind, id, configured: !!config, changed });
      const replaces = changed.filter((k) => k === "instanceId" || k === "replaceKey");
      return { changes: changed.length > 0, replaces, deleteBeforeReplace: !!news.deleteBeforeReplace && replaces.length > 0 };
    },
    async create(inputs) {
      seq += 1;
      const id = `${kind}-${process.pid}-${seq}`;
      record({ op: "create", kind, id, configured: !!config, inputs: shape(inputs), hasUnknown: JSON.stringify(inputs).includes(UNKNOWN) });
      const outs = { ...inputsOf(inputs), configuredRegion: config ? config["alicloud:region"] : null, sequence: seq };
      if (kind === "SystemDiskReplacement") outs.systemDiskId = `d-new-${inputs.instanceId}`;
      if (inputs.failCreate) throw failure(`stub create failed for ${id}`, id, { ...outs, state: "partial" });
      return { id, outs };
    },
    async update(id, olds, news) {
      record({ op: "update", kind, id, configured: !!config, news: shape(news) });
      const outs = { ...inputsOf(news), configuredRegion: config ? config["alicloud:region"] : null, sequence: olds.sequence, updatedCount: (olds.updatedCount || 0) + 1 };
      if (kind === "SystemDiskReplacement") outs.systemDiskId = olds.systemDiskId;
      if (news.failUpdate) throw failure(`stub update failed for ${id}`, id, { ...outs, state: "partial" });
      return { outs };
    },
    async read(id, props) {
      record({ op: "read", kind, id, configured: !!config });
      return { id, props: { ...inputsOf(props), readBack: true } };
    },
    async delete(id, props) {
      record({ op: "delete", kind, id, configured: !!config });
    },
  };
};
