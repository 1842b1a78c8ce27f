"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { createTokenAction, type TokenState } from "../actions";
import { CopyButton } from "./copy-button";

/** Creates an API token and shows it once. */
export function TokenForm() {
  const [state, action] = useActionState<TokenState, FormData>(createTokenAction, {});
  return (
    <div>
      <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Create an API token">
        <label className="block text-sm font-medium text-slate-700">
          Token name
          <input
            name="name"
            required
            maxLength={100}
            placeholder="PowerSchool export script"
            className="mt-1 block w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm"
          />
        </label>
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
      <FormAlert error={state.error} className="mt-3" />
      {state.data ? (
        <div role="status" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-semibold">
            Copy the token for &ldquo;{state.data.name}&rdquo; now: it is not shown again.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code data-testid="new-token" className="block break-all rounded bg-white px-2 py-1 font-mono text-xs">
              {state.data.token}
            </code>
            <CopyButton text={state.data.token} label="Copy token" />
          </div>
        </div>
      ) : null}
    </div>
  );
}
