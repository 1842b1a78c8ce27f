import { env } from "@/lib/env";

/**
 * Settings the server cannot run without, checked when it starts so the operator reads one clear
 * message instead of a 500 from /api/auth on the first sign-in. Answers the problems found.
 */
export function startupProblems(vars: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  if (!env.AUTH_SECRET) {
    problems.push(
      "AUTH_SECRET is not set. Run `npx rostersync env:init`, or set it to the output of `openssl rand -base64 32`.",
    );
  }
  const trustHost = env.AUTH_TRUST_HOST === "true" || env.AUTH_TRUST_HOST === "1" || Boolean(vars.VERCEL);
  if (env.NODE_ENV === "production" && !env.AUTH_URL && !trustHost) {
    problems.push(
      "Set AUTH_URL to the app's public URL (e.g. https://rosters.district.org), or AUTH_TRUST_HOST=true behind a proxy you trust.",
    );
  }
  return problems;
}
