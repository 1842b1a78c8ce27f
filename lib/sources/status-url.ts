import { env } from "@/lib/env";

/** Where a pushed import's summary is: the public URL when AUTH_URL is set, else the request's origin. */
export function statusUrlFor(request: Request, importId: string): string {
  return new URL(`/api/v1/imports/${importId}`, env.AUTH_URL ?? request.url).toString();
}
