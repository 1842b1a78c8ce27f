import http, { type IncomingMessage } from "node:http";
import { PEER_HEADER } from "@/lib/auth/client-ip";

let installed = false;

/**
 * From now on every request this process's HTTP servers receive carries PEER_HEADER set to the
 * address of its connection, replacing any value a client sent under that name (Next.js gives
 * route handlers and actions no other way to see it). Called once from instrumentation.ts.
 */
export function recordPeerAddresses(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      const peer = request.socket?.remoteAddress;
      if (peer) request.headers[PEER_HEADER] = peer;
      else delete request.headers[PEER_HEADER];
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
