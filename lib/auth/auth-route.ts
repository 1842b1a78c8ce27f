import { NextRequest } from "next/server";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { errorReference, log } from "@/lib/log";
import { safeAppPath } from "@/lib/public-url";

// Auth.js's endpoints (/api/auth/*), with three things Auth.js does not do itself:
// - a body is read only up to AUTH_BODY_LIMIT (an email sign-in post is a few hundred bytes);
//   past it the answer is 413 and the rest is not read;
// - a `callbackUrl` (query or form field) becomes a path of this app (lib/public-url.ts
//   safeAppPath): Auth.js answers 500 to one it cannot parse, and one to another host is never
//   where anyone should land;
// - a 500 from Auth.js becomes the sign-in error page, and the failure is logged with a reference.

export const AUTH_BODY_LIMIT = 16 * 1024;

type Handler = (request: NextRequest) => Promise<Response>;

export function guardedAuthHandler(handler: Handler): Handler {
  return async (request) => {
    const url = new URL(request.url);
    if (url.searchParams.has("callbackUrl"))
      url.searchParams.set("callbackUrl", safeAppPath(url.searchParams.get("callbackUrl")));
    let body: Uint8Array | undefined;
    if (request.method !== "GET" && request.method !== "HEAD") {
      if (Number(request.headers.get("content-length") ?? 0) > AUTH_BODY_LIMIT) return tooLarge();
      const read = await readBodyWithLimit(request.body, AUTH_BODY_LIMIT);
      if (read === "too_large") return tooLarge();
      body = withSafeCallback(read, request.headers.get("content-type"));
    }
    const headers = new Headers(request.headers);
    headers.delete("content-length");
    const forwarded = new NextRequest(url, { method: request.method, headers, body: body as BodyInit | undefined });
    let response: Response;
    try {
      response = await handler(forwarded);
    } catch (error) {
      return failed(url, error);
    }
    if (response.status >= 500) return failed(url, new Error(`Auth.js answered ${response.status}`));
    return response;
  };
}

const tooLarge = () =>
  new Response("This request is larger than a sign-in request can be.", {
    status: 413,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });

/** A form body's `callbackUrl` made a path of this app; any other body as it came. */
function withSafeCallback(bytes: Uint8Array, contentType: string | null): Uint8Array {
  if (!contentType?.startsWith("application/x-www-form-urlencoded")) return bytes;
  const form = new URLSearchParams(new TextDecoder().decode(bytes));
  if (!form.has("callbackUrl")) return bytes;
  form.set("callbackUrl", safeAppPath(form.get("callbackUrl")));
  return new TextEncoder().encode(form.toString());
}

function failed(url: URL, error: unknown): Response {
  const reference = errorReference();
  log.error("an Auth.js request failed", { path: url.pathname, reference, error });
  return new Response(null, { status: 303, headers: { location: `/sign-in/error?error=Configuration` } });
}
