"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { saveSignInSettingsAction, type FormState } from "../actions";

const field = "mt-1 block w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm";

/** How staff sign in (any way, or one provider only) and the Google Workspace domain. */
export function SignInSettingsForm({
  providers,
  current,
}: {
  providers: { id: string; name: string }[];
  current: { staffSignInProvider: string | null; googleHostedDomain: string | null };
}) {
  const [state, action] = useActionState<FormState, FormData>(saveSignInSettingsAction, {});
  const values = state.values ?? {
    staffSignInProvider: current.staffSignInProvider ?? "",
    googleHostedDomain: current.googleHostedDomain ?? "",
  };
  const google = providers.some((p) => p.id === "google");
  return (
    <div>
      <form action={action} className="space-y-4" aria-label="Sign-in settings">
        <label className="block text-sm font-medium text-slate-700">
          Staff sign in
          <select name="staffSignInProvider" defaultValue={values.staffSignInProvider} className={field}>
            <option value="">With an emailed link or any button</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>{`With ${p.name} only`}</option>
            ))}
          </select>
        </label>
        {google ? (
          <label className="block text-sm font-medium text-slate-700">
            Google Workspace domain (optional)
            <input
              name="googleHostedDomain"
              defaultValue={values.googleHostedDomain}
              placeholder="yourdistrict.k12.us"
              maxLength={253}
              className={field}
            />
            <span className="mt-1 block text-xs font-normal text-slate-500">
              When set, only Google accounts of this Workspace can sign in to your organization.
            </span>
          </label>
        ) : (
          <input type="hidden" name="googleHostedDomain" value={values.googleHostedDomain} />
        )}
        <SubmitButton pendingLabel="Saving…">Save sign-in settings</SubmitButton>
      </form>
      <FormAlert error={state.error} message={state.message} className="mt-3" />
    </div>
  );
}
