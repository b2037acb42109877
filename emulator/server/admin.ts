// Admin endpoints under /__emulator/ (no signature, loopback only). Contract in CONTRACT.md.
import type { IncomingMessage, ServerResponse } from "http";
import type { Cloud } from "../model/cloud";
import { freshContentVersion } from "../model/content";
import { renderState } from "../render/resources";
import type { CallLog } from "./call-log";
import type { FaultInjector } from "./faults";

export interface AdminDeps {
  cloud: Cloud;
  calls: CallLog;
  faults: FaultInjector;
  resetState(): void;
}

export function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1" || (address ?? "").startsWith("127.");
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, deps: AdminDeps): void {
  if (!isLoopback(req.socket.remoteAddress)) return send(res, 403, { Code: "Forbidden", Message: "Admin endpoints are loopback only." });
  const route = `${req.method} ${path.replace(/\/+$/, "")}`;
  const write = /^POST \/__emulator\/disks\/([^/]+)\/write$/.exec(route);
  if (write) return writeDisk(res, deps.cloud, decodeURIComponent(write[1]));
  switch (route) {
    case "GET /__emulator/state":
      deps.cloud.settle(); // the state as of now, like every API read
      return send(res, 200, renderState(deps.cloud));
    case "GET /__emulator/calls":
      // The header says how many older entries the log's limit dropped (0: the list is every call).
      return send(res, 200, deps.calls.list(), { "x-emulator-calls-dropped": String(deps.calls.dropped()) });
    case "DELETE /__emulator/calls":
      deps.calls.clear();
      return send(res, 200, { Cleared: true });
    case "GET /__emulator/faults":
      return send(res, 200, deps.faults.list());
    case "POST /__emulator/faults": {
      let input: unknown;
      try {
        input = JSON.parse(body.toString("utf8") || "null");
      } catch {
        return send(res, 400, { Code: "InvalidFault", Message: "Body must be JSON." });
      }
      try {
        return send(res, 200, { Faults: deps.faults.addAll(Array.isArray(input) ? input : [input]) });
      } catch (e) {
        return send(res, 400, { Code: "InvalidFault", Message: (e as Error).message });
      }
    }
    case "DELETE /__emulator/faults":
      deps.faults.clear();
      return send(res, 200, { Cleared: true });
    case "POST /__emulator/reset-state":
      deps.resetState();
      return send(res, 200, { Reset: true });
    default:
      return send(res, 404, { Code: "NotFound", Message: `No admin endpoint ${route}.` });
  }
}

/** Simulates the guest writing to a disk: its data gets a fresh content version. */
function writeDisk(res: ServerResponse, cloud: Cloud, diskId: string): void {
  cloud.settle();
  const disk = cloud.disks.get(diskId);
  if (!disk) return send(res, 404, { Code: "NotFound", Message: `No disk ${diskId}.` });
  disk.ContentVersion = freshContentVersion();
  cloud.changed();
  return send(res, 200, { DiskId: disk.DiskId, ContentVersion: disk.ContentVersion });
}
