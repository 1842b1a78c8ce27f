import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import { getDb } from "@/db/client";
import { emailMaySignIn } from "@/db/queries/memberships";
import { accounts, sessions, users, verificationTokens } from "@/db/schema/auth";
import { MAGIC_LINK_MAX_AGE_SECONDS, sendSignInLink } from "./magic-link-mail";

export const CHECK_EMAIL_PATH = "/sign-in/check-email";

// Auth.js v5: database sessions, one email (magic link) provider. Configured lazily so the
// database opens on the first request, not when `next build` loads the module.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    providers: [
      {
        id: "email",
        type: "email",
        name: "Email",
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        sendVerificationRequest: sendSignInLink,
      },
    ],
    pages: { signIn: "/sign-in", verifyRequest: CHECK_EMAIL_PATH, error: "/sign-in/error" },
    callbacks: {
      // Only admins and active, accepted staff get a link. Anyone else sees the same "check your
      // inbox" page and no mail is sent. Checked again when the link is used.
      async signIn({ user, email }) {
        const allowed = user.email ? await emailMaySignIn(await getDb(), user.email) : false;
        if (email?.verificationRequest) return allowed ? true : CHECK_EMAIL_PATH;
        return allowed;
      },
      // Only what pages need; never the session token or the whole user row.
      session({ session, user }) {
        return { expires: session.expires, user: { id: user.id, email: user.email, name: user.name ?? null } };
      },
    },
  };
});
