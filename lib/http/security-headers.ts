// Security headers of every response (next.config.ts `headers()`), docs/decisions.md
// "Security headers". No nonces: Next's App Router inlines its bootstrap scripts and styles, so
// scripts and styles need 'unsafe-inline' without them (and 'unsafe-eval' under `next dev`, for
// React's dev tooling). Everything else is this origin only, and nothing may frame the app.

export type HeaderRule = { source: string; headers: { key: string; value: string }[] };

export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
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

/**
 * The rules, most general first: Next applies every matching rule and a later rule's value of the
 * same header wins. Pages whose URL holds a secret (an invitation token, a sign-in link) send no
 * Referer at all.
 */
export function securityHeaderRules(dev: boolean): HeaderRule[] {
  const noReferrer = [{ key: "Referrer-Policy", value: "no-referrer" }];
  return [
    {
      source: "/:path*",
      headers: [
        { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "X-Frame-Options", value: "DENY" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      ],
    },
    { source: "/invite/:path*", headers: noReferrer },
    { source: "/sign-in/confirm", headers: noReferrer },
    { source: "/api/auth/callback/:path*", headers: noReferrer },
  ];
}
