import { isIP } from "node:net";
import { env } from "@/lib/env";

// Which address the per-IP sign-in limit counts (lib/auth/sign-in-rate-limits.ts). A client can
// put anything in X-Forwarded-For, and Next.js keeps a header the client sent (it writes the
// connection's address there only when there is none), so the first entry proves nothing.
// TRUSTED_PROXY_HOPS says how many proxies of yours stand in front of the app (README
// "Configuration"):
// - 0 (the default): no proxy; the address the connection came from. The server records it in
//   PEER_HEADER on every request (recordPeerAddresses, started by instrumentation.ts), overwriting
//   whatever a client sent under that name. Where that hook does not run, the last entry of
//   X-Forwarded-For, which Next.js writes from the connection when the client sent none.
// - N: the Nth address from the right of X-Forwarded-For: each of your N proxies appended the
//   address it was reached from, so that entry was written by your outermost proxy and
//   everything left of it is the client's to choose.

/** The request header the server sets to the connection's address (never a client's value). */
export const PEER_HEADER = "x-rostersync-peer-address";

const address = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim().replace(/^\[(.*)\]$/, "$1") ?? "";
  return isIP(trimmed) ? trimmed : null;
};

/** The client's address by TRUSTED_PROXY_HOPS; null when the request does not say (not counted). */
export function clientIp(headers: Headers, hops: number = env.TRUSTED_PROXY_HOPS): string | null {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (hops === 0) return address(headers.get(PEER_HEADER)) ?? address(forwarded.at(-1));
  // Fewer entries than proxies: the request did not come through all of them; the nearest one's view.
  if (forwarded.length < hops) return address(forwarded[0]) ?? address(headers.get(PEER_HEADER));
  return address(forwarded.at(-hops));
}
