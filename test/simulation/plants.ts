// Known protocol mistakes, planted at run time into the real protocol modules so the simulator can
// show it finds them. CommonJS calls between modules go through the callee module's exports object
// ((0, module_1.fn)(...)) and methods through prototypes, so replacing an export or a prototype
// method changes what the provider does, with no hook in the product code.
//
// This is the ONE file of the simulation that names protocol internals (module paths, exported
// functions, methods): when the protocol moves (issue 15), retarget the plants here.
/* eslint-disable @typescript-eslint/no-var-requires */

export interface Plant {
  name: string;
  /** What the mistake is, in the protocol's terms. */
  mistake: string;
  /** Plants the mistake; returns the undo. */
  plant(): () => void;
}

const OPS = "../../provider/operations";

/** Replaces `obj[key]` until the returned undo runs. */
function swap<T extends object, K extends keyof T>(obj: T, key: K, make: (original: T[K]) => T[K]): () => void {
  const original = obj[key];
  obj[key] = make(original);
  return () => {
    obj[key] = original;
  };
}

export const PLANTS: Plant[] = [
  {
    name: "no re-read after closing",
    mistake: "the closer writes `closing` and trusts the read it made before, so a newcomer that entered meanwhile is not seen",
    plant() {
      const { CloudRecord } = require(`${OPS}/cloud-record`);
      const { WINDOW_KEY } = require(`${OPS}/intent-record`);
      const proto = CloudRecord.prototype;
      const undoRead = swap(proto, "read", (read: any) =>
        async function (this: any, ...args: unknown[]) {
          if (this.plantedSkipRead) {
            this.plantedSkipRead = false;
            return this.plantedLastRead;
          }
          const tags = await read.apply(this, args);
          this.plantedLastRead = tags;
          return tags;
        },
      );
      const undoWrite = swap(proto, "write", (write: any) =>
        async function (this: any, tags: Record<string, string>) {
          const done = await write.call(this, tags);
          if (String(tags[WINDOW_KEY] ?? "").startsWith("closing") && this.plantedLastRead) this.plantedSkipRead = true;
          return done;
        },
      );
      return () => {
        undoWrite();
        undoRead();
      };
    },
  },
  {
    name: "trusting expired records",
    mistake: "records never expire: a dead holder's record is waited for and its wish honoured forever",
    plant: () => swap(require(`${OPS}/intent-record`), "isExpired", () => () => false),
  },
  {
    name: "no power restore after a failure",
    mistake: "a failed participant asks for its policy's state (leave-stopped: Stopped) instead of the state before",
    plant: () =>
      swap(require(`${OPS}/intent-record`), "wantsRunning", (wantsRunning: any) => (policy: string, before: string, succeeded = true) =>
        succeeded ? wantsRunning(policy, before, true) : false,
      ),
  },
  {
    name: "skipping the wait for other participants",
    mistake: "the closer does not wait for other live running records before it restores power and removes the record",
    plant: () => swap(require(`${OPS}/cloud-window`).CloudWindow.prototype, "othersRunning", () => () => []),
  },
  {
    name: "forgetting its own record on resume",
    mistake: "a re-run after a crash ignores its own record and takes the state it finds now as the state before",
    plant: () =>
      swap(require(`${OPS}/cloud-window`).CloudWindow.prototype, "open", (open: any) =>
        async function (this: any, ...args: unknown[]) {
          const opened = await open.apply(this, args);
          return opened.resumed.size ? { before: undefined, resumed: new Map() } : opened;
        },
      ),
  },
];
