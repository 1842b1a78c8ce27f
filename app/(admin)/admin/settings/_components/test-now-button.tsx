"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { testSourceAction, type TestState } from "../actions";

function Button() {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
    >
      {pending ? "Pulling…" : "Test now"}
    </button>
  );
}

/**
 * "Test now": one pull of the source, whether due or not. What it found is the source's last
 * check, which the page shows (and refreshes after the pull), so the outcome is said once; only
 * what is not recorded there (another pull running, the source gone) is said here.
 */
export function TestNowButton({ sourceId, name }: { sourceId: string; name: string }) {
  const [state, action] = useActionState<TestState, FormData>(testSourceAction.bind(null, sourceId), {});
  const unrecorded =
    state.error ??
    (state.data?.outcome === "busy" ? "Another pull of this source is running; try again in a minute." : null);
  return (
    <form action={action} aria-label={`Test ${name} now`} className="max-w-sm text-right">
      <Button />
      {unrecorded ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {unrecorded}
        </p>
      ) : null}
    </form>
  );
}
