"use client";

import { useActionState, useState } from "react";
import { ConfirmSubmit } from "@/components/confirm-submit";
import { TextLink } from "@/components/text-link";
import type { StaffPageStatus } from "@/db/queries/invitations";
import { staffAction, type StaffActionState } from "../actions";
import { statusLabels, statusTones } from "./status-labels";

export type StaffTableRow = {
  id: number;
  name: string;
  email: string;
  staffId: string | null;
  schools: string[];
  classes: number;
  status: StaffPageStatus;
  detail: string | null;
};

const smallButton =
  "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50";
const NONE: ReadonlySet<number> = new Set();
const selectable = (status: StaffPageStatus) =>
  status === "not_invited" || status === "expired" || status === "send_failed";

/**
 * The staff list with its checkboxes and buttons: one form, each button says its intent.
 * "Send invitations" stays disabled until someone is selected. What a button did is said in a
 * notice that floats over the page's corner, so the table never moves under the admin's pointer.
 */
export function StaffTable({
  rows,
  needInvitation,
  schoolId,
  q,
}: {
  rows: StaffTableRow[];
  needInvitation: number;
  schoolId: number | null;
  q: string;
}) {
  const [state, formAction, pending] = useActionState<StaffActionState, FormData>(staffAction, {});
  // A selection belongs to the state it was made in: after an action (those people were invited)
  // it starts empty again. The notice shows until dismissed or until the next action.
  const [selection, setSelection] = useState<{ after: StaffActionState; ids: ReadonlySet<number> }>({
    after: state,
    ids: new Set(),
  });
  const [dismissed, setDismissed] = useState<StaffActionState | null>(null);
  const selected = selection.after === state ? selection.ids : NONE;
  const noticeOpen = dismissed !== state && Boolean(state.error || state.message);
  const choosable = rows.filter((row) => selectable(row.status)).map((row) => row.id);
  const chosen = choosable.filter((id) => selected.has(id));
  const setSelected = (ids: Iterable<number>) => setSelection({ after: state, ids: new Set(ids) });
  const toggle = (id: number, on: boolean) =>
    setSelected(on ? [...selected, id] : [...selected].filter((other) => other !== id));
  return (
    <form action={formAction}>
      {schoolId ? <input type="hidden" name="schoolId" value={schoolId} /> : null}
      {q ? <input type="hidden" name="q" value={q} /> : null}
      <Notice state={state} open={noticeOpen || pending} pending={pending} onClose={() => setDismissed(state)} />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <button
          type="submit"
          name="intent"
          value="send-selected"
          disabled={pending || chosen.length === 0}
          aria-describedby="send-selected-help"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Send invitations
        </button>
        <span id="send-selected-help" className="w-40 text-sm text-slate-600" data-testid="selected-count">
          {chosen.length === 0 ? "Select people first." : `${chosen.length} selected.`}
        </span>
        <button
          type="submit"
          name="intent"
          value="send-all"
          disabled={pending || needInvitation === 0}
          className={`${smallButton} text-sm`}
        >
          Invite everyone not yet invited ({needInvitation.toLocaleString("en-US")})
        </button>
      </div>
      <div
        role="region"
        aria-label="Staff list"
        tabIndex={0}
        className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      >
        {/* Fixed column widths: a row whose status changes (an invitation sent) moves no column. */}
        <table className="w-full min-w-[60rem] table-fixed divide-y divide-slate-200 text-sm" data-testid="staff-table">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select everyone on this page who can be invited"
                  className="size-4"
                  disabled={choosable.length === 0}
                  checked={choosable.length > 0 && chosen.length === choosable.length}
                  onChange={(event) => setSelected(event.currentTarget.checked ? choosable : [])}
                />
              </th>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="w-28 px-3 py-2">
                Staff ID
              </th>
              <th scope="col" className="w-40 px-3 py-2">
                Schools
              </th>
              <th scope="col" className="w-20 px-3 py-2">
                Classes
              </th>
              <th scope="col" className="w-64 px-3 py-2">
                Invitation
              </th>
              <th scope="col" className="w-56 px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-600">
                  No staff match these filters.
                </td>
              </tr>
            ) : null}
            {rows.map((row) => (
              <tr key={row.id} data-testid="staff-row" data-email={row.email}>
                <td className="w-10 px-3 py-2">
                  {/* The same box for everyone keeps the columns still: it is off for those who cannot be invited. */}
                  <input
                    type="checkbox"
                    name="staffId"
                    value={row.id}
                    aria-label={`Select ${row.name}`}
                    className={`size-4 ${selectable(row.status) ? "" : "invisible"}`}
                    disabled={!selectable(row.status)}
                    checked={selectable(row.status) && selected.has(row.id)}
                    onChange={(event) => toggle(row.id, event.currentTarget.checked)}
                  />
                </td>
                <td className="px-3 py-2">
                  <div className="font-medium text-slate-900">{row.name}</div>
                  <div className="break-all text-slate-600">{row.email}</div>
                </td>
                <td className="px-3 py-2 font-mono text-xs break-all text-slate-700">{row.staffId ?? "—"}</td>
                <td className="px-3 py-2 break-words text-slate-700">{row.schools.join(", ") || "—"}</td>
                <td className="px-3 py-2 tabular-nums">
                  <TextLink href={`/admin/roster/classes?teacher=${row.id}`} aria-label={`Classes of ${row.name}`}>
                    {row.classes.toLocaleString("en-US")}
                  </TextLink>
                </td>
                <td className="px-3 py-2">
                  <span
                    data-testid="staff-status"
                    className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${statusTones[row.status]}`}
                  >
                    {statusLabels[row.status]}
                  </span>
                  {row.detail ? <div className="mt-1 text-xs text-slate-600">{row.detail}</div> : null}
                </td>
                <td className="px-3 py-2 text-right">
                  <span className="inline-flex flex-wrap justify-end gap-1">
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
                        tone="smallDanger"
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

/** What the last button did, floating over the bottom corner (it takes no room in the page). */
function Notice({
  state,
  open,
  pending,
  onClose,
}: {
  state: StaffActionState;
  open: boolean;
  pending: boolean;
  onClose: () => void;
}) {
  const text = pending ? "Working…" : (state.error ?? state.message);
  const failed = Boolean(state.error) && !pending;
  // The live region is always there (so it is announced); only its box comes and goes.
  return (
    <div role="status" data-testid="staff-notice" className="fixed right-4 bottom-4 z-20 max-w-md">
      {open && text ? (
        <div
          className={`flex items-start gap-3 rounded-md px-4 py-3 text-sm shadow-lg ring-1 ${
            failed ? "bg-red-50 text-red-800 ring-red-200" : "bg-emerald-50 text-emerald-900 ring-emerald-200"
          }`}
        >
          <div>
            <p className="font-medium">{text}</p>
            {!pending && state.details?.length ? (
              <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5">
                {state.details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            ) : null}
          </div>
          <button
            type="button"
            onClick={onClose}
            className="rounded px-1 text-slate-600 hover:text-slate-900"
            aria-label="Dismiss"
          >
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
