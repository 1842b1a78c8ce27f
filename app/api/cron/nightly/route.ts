import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { apiError } from "@/lib/http/api-error";
import { bearerToken, secretMatches } from "@/lib/http/bearer";
import { nightlyContextFromEnv } from "@/lib/sources/nightly-context";
import { formatNightlyAnswer } from "@/lib/sources/nightly-line";
import { enqueueNightlyPass } from "@/lib/sources/enqueue-nightly-pass";

// GET|POST /api/cron/nightly — one nightly pass, for any scheduler (crontab + curl, Vercel cron,
// a Kubernetes CronJob). Only `Authorization: Bearer $CRON_SECRET`; 503 while it is not set. It
// only enqueues (one job per due source) and answers at once with what it enqueued; workers pull.

export const dynamic = "force-dynamic";

async function nightly(request: Request) {
  if (!env.CRON_SECRET) return apiError(503, "not_configured", "The cron route is off: set CRON_SECRET on the server.");
  if (!secretMatches(bearerToken(request.headers.get("authorization")), env.CRON_SECRET)) {
    return apiError(401, "unauthorized", "Send Authorization: Bearer $CRON_SECRET.");
  }
  const lines = await enqueueNightlyPass(await getDb(), nightlyContextFromEnv());
  return new Response(formatNightlyAnswer(lines), {
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

export const GET = nightly;
export const POST = nightly;
