// A scripted stand-in for the ECS RPC endpoint: answers each action from a queue of canned
// responses (status, JSON body, headers) or drops / stalls the connection, and records every call.
// It does not check signatures; the emulator does that.
import * as http from "http";
import { AddressInfo } from "net";

export interface FakeResponse {
  status?: number;
  body?: Record<string, unknown>;
  /** Send this text as the body instead of JSON (e.g. a proxy's HTML error page). */
  raw?: string;
  headers?: Record<string, string>;
  /** Destroy the socket without answering (ECONNRESET / socket hang up on the client). */
  reset?: boolean;
  /** Never answer (until the server closes): exercises the client's read timeout. */
  hang?: boolean;
}

export interface FakeCall {
  action: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** Raw request URL (tests assert what leaves the process). */
  url: string;
  at: number;
}

export type FakeReply = FakeResponse | ((call: FakeCall) => FakeResponse);

export interface FakeEcsServer {
  port: number;
  /** `http://127.0.0.1:PORT`, the form ALIBABA_CLOUD_ECS_ENDPOINT takes. */
  url: string;
  calls: FakeCall[];
  callsOf(action: string): FakeCall[];
  /** One-shot replies for the next calls of `action`, in order. */
  enqueue(action: string, ...replies: FakeReply[]): void;
  /** The reply when the queue for `action` is empty. */
  on(action: string, reply: FakeReply): void;
  close(): Promise<void>;
}

/** An ECS-shaped error reply. */
export function ecsErrorReply(code: string, status: number, message = `${code} (fake)`, extra: Record<string, unknown> = {}): FakeResponse {
  return { status, body: { Code: code, Message: message, HostId: "ecs.fake", ...extra } };
}

export async function startFakeEcs(): Promise<FakeEcsServer> {
  const queues = new Map<string, FakeReply[]>();
  const defaults = new Map<string, FakeReply>();
  const calls: FakeCall[] = [];
  const hanging = new Set<http.ServerResponse>();
  let requestCounter = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const action = String(req.headers["x-acs-action"] ?? url.searchParams.get("Action") ?? "");
    const call: FakeCall = {
      action,
      query: Object.fromEntries(url.searchParams.entries()),
      headers: req.headers,
      url: req.url ?? "",
      at: Date.now(),
    };
    calls.push(call);
    req.resume();
    req.on("end", () => {
      const reply = queues.get(action)?.shift() ?? defaults.get(action) ?? ecsErrorReply("InvalidAction.NotFound", 404);
      const response = typeof reply === "function" ? reply(call) : reply;
      if (response.reset) return void req.socket.destroy();
      if (response.hang) return void hanging.add(res);
      const requestId = `FAKE-${++requestCounter}`;
      const body = response.raw ?? JSON.stringify({ RequestId: requestId, ...response.body });
      const contentType = response.raw === undefined ? "application/json;charset=utf-8" : "text/html";
      res.writeHead(response.status ?? 200, { "content-type": contentType, ...response.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    calls,
    callsOf: (action) => calls.filter((c) => c.action === action),
    enqueue: (action, ...replies) => queues.set(action, [...(queues.get(action) ?? []), ...replies]),
    on: (action, reply) => void defaults.set(action, reply),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
