"use client";

import Link from "next/link";
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

/** "Test now": one pull of the source, whether due or not, and what it found. */
export function TestNowButton({ sourceId, name }: { sourceId: string; name: string }) {
  const [state, action] = useActionState<TestState, FormData>(testSourceAction.bind(null, sourceId), {});
  const line = state.data;
  return (
    <form action={action} aria-label={`Test ${name} now`} className="max-w-sm text-right">
      <Button />
      {state.error ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      {line ? (
        <p
          role="status"
          data-testid="test-result"
          className={`mt-2 text-sm ${line.outcome === "error" ? "text-red-800" : "text-slate-700"}`}
        >
          {line.outcome === "imported" && line.importId ? (
            <>
              Imported {line.file}: {line.status?.replaceAll("_", " ")}.{" "}
              <Link className="font-medium text-indigo-700 underline" href={`/admin/imports/${line.importId}`}>
                Open the import
              </Link>
            </>
          ) : line.outcome === "busy" ? (
            "Another pull of this source is running; try again in a minute."
          ) : (
            line.message
          )}
        </p>
      ) : null}
    </form>
  );
}
