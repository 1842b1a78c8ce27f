import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Confirm sign-in" };

type Params = { token?: string; email?: string; callbackUrl?: string };

/**
 * Where the emailed link lands. A GET changes nothing: the link is used only when the person
 * presses "Sign in", which POSTs to Auth.js's email callback.
 */
export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { token, email, callbackUrl } = await searchParams;
  if (!token || !email) {
    return (
      <AuthCard title="This link is incomplete">
        <p className="text-sm text-slate-600">
          Part of the sign-in link is missing. Copy the whole link from the email, or{" "}
          <TextLink href="/sign-in" className="font-medium">
            ask for a new one
          </TextLink>
          .
        </p>
      </AuthCard>
    );
  }
  const action = `/api/auth/callback/email?${new URLSearchParams({ token, email, callbackUrl: callbackUrl || "/" })}`;
  return (
    <AuthCard title="Sign in to RosterSync">
      <p className="mb-6 text-sm text-slate-600">
        You are signing in as <span className="font-medium text-slate-900">{email}</span>.
      </p>
      <form method="post" action={action}>
        <button
          type="submit"
          className="inline-flex w-full items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Sign in
        </button>
      </form>
    </AuthCard>
  );
}
