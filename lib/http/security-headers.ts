// Security headers (docs/decisions.md "Security headers"). Two places set them:
// - proxy.ts, on every request but static assets: the Content-Security-Policy with a fresh nonce
//   (Next.js puts it on its own bootstrap scripts when the request carries the policy, so no
//   script needs 'unsafe-inline'), and HSTS when the app is served over https;
// - next.config.ts `headers()`, on every response: nosniff, frame and referrer policy,
//   Permissions-Policy.
// Styles keep 'unsafe-inline' (React and Next set style attributes); 'unsafe-eval' and websockets
// only under `next dev`, for React's dev tooling and hot reload.

export type HeaderRule = { source: string; headers: { key: string; value: string }[] };

export function contentSecurityPolicy(dev: boolean, nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The policy of the routes that answer data only: nothing may run, embed or frame them. */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A nonce for one response: 16 random bytes in base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** Two years, subdomains included: what browsers' preload lists ask for. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** Browser features RosterSync never uses, switched off for the page and anything it embeds. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "midi=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/**
 * The rules of next.config.ts, most general first: Next applies every matching rule and a later
 * rule's value of the same header wins. Pages whose URL holds a secret (an invitation token, a
 * sign-in link) send no Referer at all.
 */
export function securityHeaderRules(): HeaderRule[] {
  const noReferrer = [{ key: "Referrer-Policy", value: "no-referrer" }];
  return [
    {
      source: "/:path*",
      headers: [
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "X-Frame-Options", value: "DENY" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
      ],
    },
    // The routes outside the proxy (proxy.ts: they take a file's bytes) answer JSON or NDJSON,
    // never a page, so a fixed policy with no script serves them.
    ...["/api/v1/imports", "/api/v1/imports/:path*", "/admin/imports/upload"].map((source) => ({
      source,
      headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
    })),
    { source: "/invite/:path*", headers: noReferrer },
    { source: "/sign-in/confirm", headers: noReferrer },
    { source: "/api/auth/callback/:path*", headers: noReferrer },
  ];
}
