"use client";

import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import { renameSchoolAction, type RenameSchoolState } from "../actions";

/** The inline form that names a school; errors keep what was typed. */
export function SchoolNameForm({
  schoolId,
  schoolCode,
  name,
  q,
  page,
  cancelHref,
}: {
  schoolId: number;
  schoolCode: string;
  name: string | null;
  q: string;
  page: number;
  cancelHref: string;
}) {
  const [state, action] = useActionState<RenameSchoolState, FormData>(renameSchoolAction, {});
  const error = state.fieldErrors?.name?.[0] ?? state.error;
  return (
    <form action={action} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="schoolId" value={schoolId} />
      <input type="hidden" name="q" value={q} />
      <input type="hidden" name="page" value={page} />
      <div>
        <label htmlFor={`school-name-${schoolId}`} className="sr-only">
          Name of school {schoolCode}
        </label>
        <input
          id={`school-name-${schoolId}`}
          name="name"
          defaultValue={state.values?.name ?? name ?? ""}
          maxLength={120}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `school-name-error-${schoolId}` : undefined}
          className="w-56 rounded-md border border-slate-300 px-2 py-1 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500"
        />
        {error ? (
          <p id={`school-name-error-${schoolId}`} className="mt-1 text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <SubmitButton pendingLabel="Saving…" className="px-3 py-1">
        Save
      </SubmitButton>
      <Link href={cancelHref} className="py-1 text-sm font-medium text-slate-600 underline underline-offset-4">
        Cancel
      </Link>
    </form>
  );
}
