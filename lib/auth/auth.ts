import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { log } from "@/lib/log";
import { SESSION_MAX_AGE_SECONDS } from "./create-session";
import { recordSignIn } from "./record-sign-in";
import { MAGIC_LINK_MAX_AGE_SECONDS, sendSignInLink } from "./magic-link-mail";
import { signInAdapter } from "./sign-in-adapter";
import { CHECK_EMAIL_PATH, signInPolicy } from "./sign-in-policy";
import { ssoProviderSettings, toAuthJsProvider } from "./sso-providers";
import { ssoSignInCallback } from "./sso-sign-in";

export { CHECK_EMAIL_PATH };

// Auth.js v5: database sessions, one email (magic link) provider. Configured lazily so the
// database opens on the first request, not when `next build` loads the module.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    // Requesting a link revokes the address's earlier unused ones (sign-in-adapter.ts).
    adapter: signInAdapter(db),
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    providers: [
      {
        id: "email",
        type: "email",
        name: "Email",
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        sendVerificationRequest: sendSignInLink,
      },
      // Single sign-on providers, each only when configured (sso-providers.ts).
      ...ssoProviderSettings().map(toAuthJsProvider),
    ],
    pages: { signIn: "/sign-in", verifyRequest: CHECK_EMAIL_PATH, error: "/sign-in/error" },
    // Auth.js's own lines go through the redacting logger: a provider's error can quote addresses.
    logger: {
      error: (error) => log.error("Auth.js", { error }),
      warn: (code) => log.warn(`Auth.js warning ${code}`),
      debug: () => undefined,
    },
    events: {
      async signIn({ user }) {
        if (user.id) await recordSignIn(db, user.id);
      },
    },
    callbacks: {
      // Only admins and active, accepted staff get a link (see sign-in-policy.ts), or sign in
      // through a provider with its verified address (sso-sign-in.ts).
      signIn: (params) =>
        params.account?.type === "oidc"
          ? ssoSignInCallback({ account: params.account, profile: params.profile as Record<string, unknown> })
          : signInPolicy(params),
      // Only what pages need; never the session token or the whole user row.
      session({ session, user }) {
        return { expires: session.expires, user: { id: user.id, email: user.email, name: user.name ?? null } };
      },
    },
  };
});
