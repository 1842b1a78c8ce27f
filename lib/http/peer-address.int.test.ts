import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { PEER_HEADER } from "@/lib/auth/client-ip";
import { recordPeerAddresses } from "./peer-address";

// The connection's address reaches the app in PEER_HEADER, and a client cannot set that header.

recordPeerAddresses();
const server = http.createServer((request, response) => {
  response.end(JSON.stringify({ peer: request.headers[PEER_HEADER] ?? null }));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("recordPeerAddresses", () => {
  it("sets the connection's address and overwrites one the client sent", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" },
    });
    expect(await response.json()).toEqual({ peer: "127.0.0.1" });
  });
});
