"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { requestSignInLinkAction, type RequestLinkState } from "../../actions";
import { ProviderButtons } from "../../_components/provider-buttons";

export function SignInForm() {
  const [state, formAction] = useActionState<RequestLinkState, FormData>(requestSignInLinkAction, {});
  const emailError = state.errors?.email?.[0];
  if (state.sso) {
    // Staff of an organization that requires single sign-on: its button instead of the email form.
    return (
      <div className="space-y-4" role="status">
        <p className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
          Your district has staff sign in with {state.sso.name}. No link is emailed for {state.email}.
        </p>
        <ProviderButtons providers={[state.sso]} />
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Work email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus:outline-none"
        />
        {emailError ? (
          <p id="email-error" className="mt-1 text-sm text-red-700">
            {emailError}
          </p>
        ) : null}
      </div>
      {state.message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <SubmitButton className="w-full" pendingLabel="Sending…">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
