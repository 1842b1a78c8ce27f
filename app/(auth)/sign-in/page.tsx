import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { getSessionUser } from "@/lib/auth/guards";
import { configuredSsoProviders } from "@/lib/auth/sso-providers";
import { OrDivider, ProviderButtons } from "../_components/provider-buttons";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ signedOut?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const { signedOut } = await searchParams;
  const providers = configuredSsoProviders();
  return (
    <AuthCard title="Sign in">
      {signedOut ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          You are signed out.
        </p>
      ) : null}
      {providers.length > 0 ? (
        <>
          <ProviderButtons providers={providers} />
          <OrDivider>or get a link by email</OrDivider>
        </>
      ) : null}
      <p className="mb-4 text-sm text-slate-600">
        Enter your work email and we will send you a link to sign in. No password needed.
      </p>
      <SignInForm />
    </AuthCard>
  );
}
