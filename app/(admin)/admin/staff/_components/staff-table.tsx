"use client";

import { useActionState } from "react";
import { ConfirmSubmit } from "@/components/confirm-submit";
import type { StaffPageStatus } from "@/db/queries/invitations";
import { staffAction, type StaffActionState } from "../actions";
import { statusLabels, statusTones } from "./status-labels";

export type StaffTableRow = {
  id: number;
  name: string;
  email: string;
  schools: string[];
  status: StaffPageStatus;
  detail: string | null;
};

const smallButton =
  "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50";

/** The staff list with its checkboxes and buttons: one form, each button says its intent. */
export function StaffTable({
  rows,
  needInvitation,
  schoolId,
}: {
  rows: StaffTableRow[];
  needInvitation: number;
  schoolId: number | null;
}) {
  const [state, formAction, pending] = useActionState<StaffActionState, FormData>(staffAction, {});
  const selectable = (status: StaffPageStatus) =>
    status === "not_invited" || status === "expired" || status === "send_failed";
  return (
    <form action={formAction}>
      {schoolId ? <input type="hidden" name="schoolId" value={schoolId} /> : null}
      {state.error || state.message ? (
        <div
          role="status"
          className={`mb-4 rounded-md px-3 py-2 text-sm ${state.error ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"}`}
        >
          <p className="font-medium">{state.error ?? state.message}</p>
          {state.details?.length ? (
            <ul className="mt-1 list-disc pl-5">
              {state.details.map((detail) => (
                <li key={detail}>{detail}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="mb-3 flex flex-wrap gap-2">
        <button
          type="submit"
          name="intent"
          value="send-selected"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          Send invitations
        </button>
        <button
          type="submit"
          name="intent"
          value="send-all"
          disabled={pending || needInvitation === 0}
          className={`${smallButton} text-sm`}
        >
          Invite everyone not yet invited ({needInvitation.toLocaleString("en-US")})
        </button>
        {pending ? <span className="self-center text-sm text-slate-600">Working…</span> : null}
      </div>
      <div
        role="region"
        aria-label="Staff list"
        tabIndex={0}
        className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select everyone on this page who can be invited"
                  className="size-4"
                  onChange={(event) => {
                    const boxes =
                      event.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="staffId"]') ?? [];
                    for (const box of boxes) box.checked = event.currentTarget.checked;
                  }}
                />
              </th>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Schools
              </th>
              <th scope="col" className="px-3 py-2">
                Invitation
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-600">
                  No staff match these filters.
                </td>
              </tr>
            ) : null}
            {rows.map((row) => (
              <tr key={row.id} data-testid="staff-row" data-email={row.email}>
                <td className="px-3 py-2">
                  {selectable(row.status) ? (
                    <input
                      type="checkbox"
                      name="staffId"
                      value={row.id}
                      aria-label={`Select ${row.name}`}
                      className="size-4"
                    />
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  <div className="font-medium text-slate-900">{row.name}</div>
                  <div className="text-slate-600">{row.email}</div>
                </td>
                <td className="px-3 py-2 text-slate-700">{row.schools.join(", ") || "—"}</td>
                <td className="px-3 py-2">
                  <span
                    data-testid="staff-status"
                    className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${statusTones[row.status]}`}
                  >
                    {statusLabels[row.status]}
                  </span>
                  {row.detail ? <div className="mt-1 text-xs text-slate-600">{row.detail}</div> : null}
                </td>
                <td className="px-3 py-2 text-right whitespace-nowrap">
                  <span className="inline-flex gap-1">
                    {row.status === "not_invited" ? (
                      <button
                        type="submit"
                        name="intent"
                        value={`resend:${row.id}`}
                        disabled={pending}
                        className={smallButton}
                        aria-label={`Invite ${row.name}`}
                      >
                        Invite
                      </button>
                    ) : null}
                    {row.status === "invited" || row.status === "expired" || row.status === "send_failed" ? (
                      <button
                        type="submit"
                        name="intent"
                        value={`resend:${row.id}`}
                        disabled={pending}
                        className={smallButton}
                        aria-label={`Resend to ${row.name}`}
                      >
                        Resend
                      </button>
                    ) : null}
                    {row.status === "invited" ? (
                      <button
                        type="submit"
                        name="intent"
                        value={`revoke:${row.id}`}
                        disabled={pending}
                        className={smallButton}
                        aria-label={`Revoke ${row.name}'s invitation`}
                      >
                        Revoke
                      </button>
                    ) : null}
                    {row.status === "deactivated" ? (
                      <button
                        type="submit"
                        name="intent"
                        value={`reactivate:${row.id}`}
                        disabled={pending}
                        className={smallButton}
                        aria-label={`Reactivate ${row.name}`}
                      >
                        Reactivate
                      </button>
                    ) : (
                      <ConfirmSubmit
                        tone="small"
                        label="Deactivate"
                        ariaLabel={`Deactivate ${row.name}`}
                        confirmLabel="Yes, deactivate"
                        message={`Deactivate ${row.name}? They are signed out at once and cannot sign in until reactivated.`}
                        name="intent"
                        value={`deactivate:${row.id}`}
                        disabled={pending}
                      />
                    )}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </form>
  );
}
