import { NextResponse, type NextRequest } from "next/server";
import { STRICT_TRANSPORT_SECURITY, contentSecurityPolicy, newNonce } from "@/lib/http/security-headers";
import { publicBaseUrl } from "@/lib/public-url";
import { hasControlCharacter, withoutControlCharacters } from "@/lib/validation";

// Runs before every request but static assets (see `config` below):
// 1. a query parameter holding a control character (`?q=%00`) is never seen by a page or route:
//    a GET or HEAD is redirected to the same address without them, anything else refused (400);
// 2. a form post larger than a form can be is refused with 413 before anything reads it (the
//    sign-in form and Auth.js's endpoints are a few hundred bytes; other pages' forms stay under
//    Next's 1 MB server action limit; the upload route and the push API read their files with
//    their own limits);
// 3. the Content-Security-Policy with a fresh nonce, and HSTS when the app is served over https
//    (lib/http/security-headers.ts).

/** Bodies these paths may post, in bytes. */
export const POST_LIMITS: { prefix: string; bytes: number }[] = [
  { prefix: "/admin/imports/upload", bytes: Number.POSITIVE_INFINITY },
  { prefix: "/api/v1/", bytes: Number.POSITIVE_INFINITY },
  { prefix: "/api/auth/", bytes: 16 * 1024 },
  { prefix: "/sign-in", bytes: 16 * 1024 },
  { prefix: "/", bytes: 1024 * 1024 },
];

const plain = (status: number, text: string) =>
  new NextResponse(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export function proxy(request: NextRequest) {
  const url = request.nextUrl;
  const search = decodeSafely(url.search);
  if (search === null || hasControlCharacter(search)) {
    if (request.method !== "GET" && request.method !== "HEAD")
      return plain(400, "The address holds a control character (such as NUL); remove it and try again.");
    const clean = new URLSearchParams();
    for (const [key, value] of url.searchParams)
      clean.append(withoutControlCharacters(key), withoutControlCharacters(value));
    const target = url.clone();
    target.search = clean.toString();
    return NextResponse.redirect(target, 308);
  }

  if (request.method === "POST") {
    const limit = POST_LIMITS.find((rule) => url.pathname.startsWith(rule.prefix))?.bytes ?? 0;
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > limit) return plain(413, "This request is larger than this form can send.");
  }

  const nonce = newNonce();
  const policy = contentSecurityPolicy(process.env.NODE_ENV !== "production", nonce);
  // Next reads the nonce from the request's policy and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  if (servedOverHttps(request)) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

/** The query decoded, or null when it is not valid percent-encoding. */
function decodeSafely(search: string): string | null {
  try {
    return decodeURIComponent(search.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/** https to the browser: the public address is https, or a TLS-terminating proxy says so. */
function servedOverHttps(request: NextRequest): boolean {
  if (publicBaseUrl().startsWith("https:")) return true;
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return forwarded === "https" || request.nextUrl.protocol === "https:";
}

export const config = {
  // Everything but Next's static files, the icons and the two routes that take a roster file's
  // bytes: a proxy makes Next buffer the request body and cut it at 10 MB, so a larger upload or
  // push arrived truncated ("damaged or incomplete"). Both answer JSON/NDJSON (no page, no
  // script for the CSP), refuse cross-site posts or check a bearer token themselves, and clean
  // the file name they are given.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon|apple-icon|logo|admin/imports/upload|api/v1/imports).*)"],
};
