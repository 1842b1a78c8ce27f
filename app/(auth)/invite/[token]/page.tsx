import type { Metadata } from "next";
import { TextLink } from "@/components/text-link";
import { AuthCard } from "@/components/auth-card";
import { SubmitButton } from "@/components/submit-button";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/guards";
import { configuredSsoProviders } from "@/lib/auth/sso-providers";
import { staffSsoProviderOf } from "@/lib/auth/sso-sign-in";
import { lookUpInvitation, type InvitationState } from "@/lib/invitations/look-up-invitation";
import { OrDivider, ProviderButtons } from "../../_components/provider-buttons";
import { acceptInvitationAction, acceptWithProviderAction, signOutToAcceptAction } from "./actions";

export const metadata: Metadata = { title: "Invitation", robots: { index: false }, referrer: "no-referrer" };

/** Pages for a link that does not work: what happened, and what to do, with nothing more. */
const closed: Record<Exclude<InvitationState, "open">, { title: string; body: React.ReactNode }> = {
  expired: {
    title: "This invitation has expired",
    body: <>Invitation links work for 7 days. Ask your district admin to resend it.</>,
  },
  used: {
    title: "This invitation was already used",
    body: (
      <>
        Each invitation link works once. If you accepted it,{" "}
        <TextLink href="/sign-in" className="font-medium">
          sign in with your email
        </TextLink>
        . Otherwise ask your district admin to resend it.
      </>
    ),
  },
  revoked: {
    title: "This invitation link was replaced",
    body: (
      <>
        If you received a newer invitation email, use the link in that one. Otherwise ask your district admin to resend
        it.
      </>
    ),
  },
  invalid: {
    title: "This invitation link is not valid",
    body: <>Check that you opened the whole link from the email, or ask your district admin to resend it.</>,
  },
};

/**
 * Where an invitation mail lands. Opening it (GET) changes nothing, so a mail scanner that follows
 * the link cannot use it up; pressing Accept (a POST) does.
 */
export default async function InvitationPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ sso?: string }>;
}) {
  const { token } = await params;
  const { sso } = await searchParams;
  const [lookup, user] = await Promise.all([lookUpInvitation(await getDb(), token), getSessionUser()]);

  if (lookup.state !== "open") {
    const { title, body } = closed[lookup.state];
    const mine = lookup.state === "used" && user && lookup.invitation.email === user.email.toLowerCase();
    return (
      <AuthCard title={mine ? "You have already accepted this invitation" : title}>
        <p className="text-sm text-slate-600">
          {mine ? (
            <TextLink href="/" className="font-medium">
              Go to your classes
            </TextLink>
          ) : (
            body
          )}
        </p>
      </AuthCard>
    );
  }

  const { invitation } = lookup;
  if (user && user.email.toLowerCase() !== invitation.email) {
    return (
      <AuthCard title="You are signed in with another email">
        <p className="mb-4 text-sm text-slate-600">
          You are signed in as <span className="font-medium text-slate-900">{user.email}</span>, but this invitation is
          for a different email address. Sign out to accept it; you will come back to this page.
        </p>
        <form action={signOutToAcceptAction}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton className="w-full" pendingLabel="Signing out…">
            Sign out
          </SubmitButton>
        </form>
      </AuthCard>
    );
  }

  // Staff of an organization that requires single sign-on accept only through its provider;
  // otherwise every configured provider is offered above the plain Accept (which starts an
  // emailed-link account).
  const required = await staffSsoProviderOf(await getDb(), invitation.organizationId);
  const providers = required ? [required] : configuredSsoProviders();
  return (
    <AuthCard title={`Join ${invitation.organizationName}`}>
      {sso === "other-account" ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The account you chose is not the one this invitation was sent to, so the invitation was not accepted. Try
          again with the account for the address this invitation was sent to.
        </p>
      ) : null}
      <p className="mb-2 text-sm text-slate-600">
        Hello <span className="font-medium text-slate-900">{`${invitation.firstName} ${invitation.lastName}`}</span>,
      </p>
      <p className="mb-6 text-sm text-slate-600">
        {invitation.organizationName} invited you to see your classes and their rosters on RosterSync. You will sign in
        as <span className="font-medium text-slate-900">{invitation.email}</span>.
      </p>
      <ProviderButtons providers={providers} verb="Accept with" action={acceptWithProviderAction} hidden={{ token }} />
      {required ? (
        <p className="mt-4 text-xs text-slate-500">
          {invitation.organizationName} has staff sign in with {required.name}. Use your {required.name} account for{" "}
          {invitation.email}.
        </p>
      ) : (
        <>
          {providers.length > 0 ? <OrDivider /> : null}
          <form action={acceptInvitationAction}>
            <input type="hidden" name="token" value={token} />
            <SubmitButton className="w-full" pendingLabel="Accepting…">
              Accept
            </SubmitButton>
          </form>
        </>
      )}
    </AuthCard>
  );
}
