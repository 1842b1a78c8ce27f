"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { saveEmailDomainAction, type FormState } from "../actions";

/** "Email domain for usernames": how SDS teachers with only a username get their email. */
export function EmailDomainForm({ current }: { current: string | null }) {
  const [state, action] = useActionState<FormState, FormData>(saveEmailDomainAction, {});
  return (
    <div>
      <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Email domain for usernames">
        <label className="block text-sm font-medium text-slate-700">
          Email domain for usernames
          <input
            name="domain"
            defaultValue={state.values?.domain ?? current ?? ""}
            maxLength={255}
            placeholder="@district.org"
            className="mt-1 block w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm"
          />
        </label>
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </form>
      <FormAlert error={state.error} className="mt-3" />
      {state.message ? (
        <p role="status" className="mt-3 text-sm text-green-800">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
