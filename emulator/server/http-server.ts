// The HTTP front: reads each request (raw URL kept), routes /__emulator/ to the admin endpoints
// and everything else to the ECS API.
import * as http from "http";
import { handleAdmin, type AdminDeps } from "./admin";
import { handleApi, type ApiDeps } from "./api-handler";
import { apiError, errorBody } from "../protocol/errors";
import { newRequestId } from "../model/ids";

const MAX_BODY = 1024 * 1024;

export type ServerDeps = ApiDeps & AdminDeps;

export function createHttpServer(deps: ServerDeps): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const path = q < 0 ? url : url.slice(0, q);
      const rawQuery = q < 0 ? "" : url.slice(q + 1);
      if (tooLarge) {
        const requestId = newRequestId();
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify(errorBody(apiError("InvalidParameter", undefined, { name: "Body" }), requestId, "ecs.aliyuncs.com")));
        return;
      }
      const body = Buffer.concat(chunks);
      if (path.startsWith("/__emulator/")) return handleAdmin(req, res, path, body, deps);
      handleApi(
        { method: req.method ?? "GET", path, rawQuery, headers: req.headers, body, remoteAddress: req.socket.remoteAddress ?? "" },
        req,
        res,
        deps,
      );
    });
  });
}
