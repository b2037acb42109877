// Injected faults (POST /__emulator/faults): fail, drop or stall the next matching calls.
export type Fault =
  | { Action?: string; Count: number; Code: string; HttpStatus?: number; Message?: string; Mode?: undefined }
  | { Action?: string; Count: number; Mode: "reset" | "hang" };

export class FaultInjector {
  private faults: Fault[] = [];

  /** Validates the admin payload; throws an Error with a readable message when it is wrong. */
  add(input: unknown): Fault {
    if (typeof input !== "object" || input === null) throw new Error("fault must be a JSON object");
    const f = input as Record<string, unknown>;
    const count = f.Count === undefined ? 1 : f.Count;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1) throw new Error("Count must be a positive integer");
    if (f.Action !== undefined && typeof f.Action !== "string") throw new Error("Action must be a string");
    let fault: Fault;
    if (f.Mode !== undefined) {
      if (f.Mode !== "reset" && f.Mode !== "hang") throw new Error('Mode must be "reset" or "hang"');
      fault = { Action: f.Action as string | undefined, Count: count, Mode: f.Mode };
    } else {
      if (typeof f.Code !== "string" || f.Code === "") throw new Error("Code (or Mode) is required");
      if (f.HttpStatus !== undefined && (typeof f.HttpStatus !== "number" || f.HttpStatus < 400 || f.HttpStatus > 599)) {
        throw new Error("HttpStatus must be a number between 400 and 599");
      }
      if (f.Message !== undefined && typeof f.Message !== "string") throw new Error("Message must be a string");
      fault = { Action: f.Action as string | undefined, Count: count, Code: f.Code, HttpStatus: f.HttpStatus as number | undefined, Message: f.Message as string | undefined };
    }
    this.faults.push(fault);
    return fault;
  }

  /** The first fault matching the action, consuming one of its Count. */
  take(action: string): Fault | undefined {
    const fault = this.faults.find((f) => f.Action === undefined || f.Action === action);
    if (!fault) return undefined;
    fault.Count -= 1;
    if (fault.Count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
