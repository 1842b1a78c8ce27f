"use client";

import { useActionState, useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import type { RetentionLimits } from "@/lib/privacy/prune-retained";
import { deleteOrganizationAction, forgetPersonAction, setRetentionAction, type PrivacyState } from "../actions";
import { DeletionReportView } from "./deletion-report-view";

const inputClass = "mt-1 block rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm";
const dangerButton =
  "inline-flex items-center justify-center rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-600 disabled:opacity-60";

const RETENTION_FIELDS: Array<{ name: keyof RetentionLimits; label: string; help: string }> = [
  {
    name: "importHistoryRetentionMonths",
    label: "Import history",
    help: "Finished imports with their issues and examples of changes.",
  },
  { name: "undoRetentionMonths", label: "Undo data", help: "What lets an applied import be undone." },
  { name: "auditRetentionMonths", label: "Audit log", help: "Who did what." },
  {
    name: "deactivatedPeopleRetentionMonths",
    label: "Deactivated people",
    help: "Students and staff no file has named for this long are deleted entirely.",
  },
];

export function RetentionForm({ limits }: { limits: RetentionLimits }) {
  const [state, action] = useActionState<PrivacyState, FormData>(setRetentionAction, {});
  return (
    <form action={action} aria-label="How long data is kept" className="mt-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {RETENTION_FIELDS.map((field) => (
          <label key={field.name} className="block text-sm font-medium text-slate-700">
            {field.label} (months)
            <input
              name={field.name}
              type="number"
              min={1}
              max={120}
              required
              defaultValue={state.values?.[field.name] ?? limits[field.name]}
              className={`${inputClass} w-28`}
            />
            <span className="mt-1 block font-normal text-slate-500">{field.help}</span>
          </label>
        ))}
      </div>
      <div className="mt-4 flex items-center gap-3">
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </div>
      <FormAlert error={state.error} message={state.message} className="mt-3" />
    </form>
  );
}

export function ForgetForm({ timeZone }: { timeZone: string }) {
  const [state, action] = useActionState<PrivacyState, FormData>(forgetPersonAction, {});
  const [kind, setKind] = useState(state.values?.kind ?? "student");
  return (
    <div>
      <form action={action} aria-label="Forget a person" className="mt-4 space-y-3">
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Who</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="kind"
              value="student"
              checked={kind === "student"}
              onChange={() => setKind("student")}
            />
            A student (by student ID)
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="kind"
              value="staff"
              checked={kind === "staff"}
              onChange={() => setKind("staff")}
            />
            A staff member (by email)
          </label>
        </fieldset>
        <label className="block text-sm font-medium text-slate-700">
          {kind === "student" ? "Student ID" : "Staff email"}
          <input
            name="key"
            required
            defaultValue={state.values?.key}
            autoComplete="off"
            className={`${inputClass} w-80`}
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Type it again to confirm
          <input name="confirm" required autoComplete="off" className={`${inputClass} w-80`} />
        </label>
        <button type="submit" className={dangerButton}>
          Forget this person
        </button>
      </form>
      <FormAlert error={state.error} className="mt-3" />
      {state.report ? <DeletionReportView report={state.report} timeZone={timeZone} /> : null}
    </div>
  );
}

export function DeleteOrganizationForm({ name, timeZone }: { name: string; timeZone: string }) {
  const [state, action] = useActionState<PrivacyState, FormData>(deleteOrganizationAction, {});
  if (state.report) {
    return (
      <div>
        <DeletionReportView report={state.report} timeZone={timeZone} />
        <p className="mt-3 text-sm">
          <a className="text-indigo-700 underline" href="/sign-in">
            Leave
          </a>
        </p>
      </div>
    );
  }
  return (
    <form action={action} aria-label="Delete the organization" className="mt-4 space-y-3">
      <label className="block text-sm font-medium text-slate-700">
        Type <strong>{name}</strong> to delete it and everything RosterSync holds for it
        <input name="confirm" required autoComplete="off" className={`${inputClass} w-80`} />
      </label>
      <button type="submit" className={dangerButton}>
        Delete this organization
      </button>
      <FormAlert error={state.error} className="mt-3" />
    </form>
  );
}
