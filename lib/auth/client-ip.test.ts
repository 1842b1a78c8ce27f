import { describe, expect, it } from "vitest";
import { PEER_HEADER, clientIp } from "./client-ip";

const request = (forwardedFor?: string, peer?: string) =>
  new Headers({
    ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    ...(peer ? { [PEER_HEADER]: peer } : {}),
  });

describe("clientIp (TRUSTED_PROXY_HOPS)", () => {
  it("0 hops: the connection's address, whatever X-Forwarded-For the client sent", () => {
    expect(clientIp(request("1.2.3.4", "198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientIp(request("1.2.3.4, 5.6.7.8", "::1"), 0)).toBe("::1");
  });

  it("0 hops without the server's record: the last entry, which Next.js writes from the connection", () => {
    expect(clientIp(request("198.51.100.7"), 0)).toBe("198.51.100.7");
    expect(clientIp(request(), 0)).toBeNull();
  });

  it("N hops: the Nth address from the right; what the client wrote to its left is ignored", () => {
    // client 203.0.113.9 → nginx (appends it) → app
    expect(clientIp(request("6.6.6.6, 203.0.113.9", "10.0.0.2"), 1)).toBe("203.0.113.9");
    // client → CDN → ingress → app: the CDN appended the client, the ingress appended the CDN
    expect(clientIp(request("6.6.6.6, 203.0.113.9, 172.16.0.4", "10.0.0.2"), 2)).toBe("203.0.113.9");
  });

  it("not an address: not counted", () => {
    expect(clientIp(request("not-an-ip"), 1)).toBeNull();
    expect(clientIp(request(undefined, "garbage"), 0)).toBeNull();
    expect(clientIp(request("[2001:db8::1]"), 1)).toBe("2001:db8::1");
  });
});
