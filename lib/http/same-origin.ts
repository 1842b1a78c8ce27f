import { publicBaseUrl } from "@/lib/public-url";

// A route handler that acts on a session cookie (the upload) must refuse a post another site made
// the browser send: the cookie rides along on a cross-site form or fetch. Next.js checks its
// server actions the same way (the Origin's host against Host / X-Forwarded-Host); route handlers
// get no such check, so they call this. A browser marks every fetch with Sec-Fetch-Site and every
// POST with Origin; a request with neither did not come from this app's page.

/** Why this request is refused as cross-site, or null when it came from this app's own pages. */
export function crossSiteRefusal(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return `Sec-Fetch-Site is ${site}`;
  const origin = headers.get("origin");
  if (origin === null) return site === "same-origin" ? null : "no Origin header";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "an Origin that is not a URL"; // "null" included
  }
  if (!originHost) return "an opaque Origin";
  const requestHost = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]?.trim();
  if (originHost === requestHost || originHost === new URL(publicBaseUrl()).host) return null;
  return "another site's Origin";
}

/** 403 for a cross-site request (see crossSiteRefusal), else null. */
export function refuseCrossSite(request: Request): Response | null {
  if (crossSiteRefusal(request.headers) === null) return null;
  return Response.json(
    { error: { code: "cross_site", message: "This request did not come from RosterSync's own page." } },
    { status: 403 },
  );
}
