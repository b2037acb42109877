// Known protocol mistakes, planted at run time into the real protocol modules so the simulator can
// show it finds them. CommonJS calls between modules go through the callee module's exports object
// ((0, module_1.fn)(...)) and methods through prototypes, so replacing an export or a prototype
// method changes what the provider does, with no hook in the product code.
//
// This is the ONE file of the simulation that names protocol internals (module paths, exported
// functions, methods of provider/operations/window/): when the protocol changes, retarget them here.
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

const WINDOW = `${OPS}/window`;

export const PLANTS: Plant[] = [
  {
    name: "no re-read after closing",
    mistake:
      "the closer writes `closing` and trusts the read it made before, so a newcomer that entered meanwhile is not seen " +
      "(planted with the `ending` announcement off, which would otherwise stand in for the handshake)",
    plant() {
      const proto = require(`${WINDOW}/cloud-window`).CloudWindow.prototype;
      const undoEnding = swap(proto, "ending", () => async function () {});
      const undoRead = swap(proto, "read", (read: any) =>
        async function (this: any, ...args: unknown[]) {
          const result = await read.apply(this, args);
          this.plantedLastRead = result;
          return result;
        },
      );
      const undoConfirm = swap(proto, "confirmAfterClosing", () =>
        async function (this: any) {
          return this.plantedLastRead;
        },
      );
      return () => {
        undoConfirm();
        undoRead();
        undoEnding();
      };
    },
  },
  {
    name: "trusting expired records",
    mistake: "records never expire: a dead holder's record is waited for and its wish honoured forever",
    plant: () => swap(require(`${WINDOW}/record`), "isExpired", () => () => false),
  },
  {
    name: "no power restore after a failure",
    mistake: "a failed participant asks for its policy's state (leave-stopped: Stopped) instead of the state before",
    plant: () =>
      swap(require(`${WINDOW}/record`), "wantsRunning", (wantsRunning: any) => (policy: string, before: string, succeeded = true) =>
        succeeded ? wantsRunning(policy, before, true) : false,
      ),
  },
  {
    name: "skipping the wait for other participants",
    mistake: "the closer does not wait for other live holders still working before it restores power and removes the records",
    plant: () =>
      swap(require(`${WINDOW}/cloud-window`).CloudWindow.prototype, "waitForOthers", () =>
        async function (this: any) {
          return this.read();
        },
      ),
  },
  {
    name: "forgetting its own record on resume",
    mistake: "a re-run after a crash does not recognise its own stack's record and takes the state it finds now as the state before",
    plant: () =>
      swap(require(`${WINDOW}/cloud-window`).CloudWindow.prototype, "mine", () =>
        function (this: any) {
          return false;
        },
      ),
  },
];
