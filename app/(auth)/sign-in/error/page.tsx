import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Sign-in problem" };

const messages: Record<string, { title: string; body: string }> = {
  Verification: {
    title: "This link no longer works",
    body: "Sign-in links work once and expire after an hour. Ask for a new link below.",
  },
  AccessDenied: {
    title: "This account cannot sign in",
    body: "This email has no access to RosterSync. If you think it should, ask your district admin.",
  },
  UnverifiedEmail: {
    title: "Your account's email is not verified",
    body: "The account you signed in with did not confirm its email address, so RosterSync cannot tell who you are. Sign in with your school account, or ask for a link by email.",
  },
};

const fallback = { title: "We could not sign you in", body: "Something went wrong. Ask for a new link and try again." };

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const { title, body } = (error && messages[error]) || fallback;
  return (
    <AuthCard title={title}>
      <p className="mb-4 text-sm text-slate-600">{body}</p>
      <TextLink href="/sign-in" className="text-sm font-medium">
        Get a new sign-in link
      </TextLink>
    </AuthCard>
  );
}
