"use server";

import { z } from "zod";
import { listStaffNeedingInvitation } from "@/db/queries/invitations";
import { adminAction, type ActionState } from "@/lib/admin-action";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { sendInvitations, type SendInvitationsResult } from "@/lib/invitations/send-invitations";
import { setStaffActive } from "@/lib/staff/set-staff-active";

export type StaffActionState = ActionState;

const id = z.coerce.number().int().positive();
const formSchema = z.object({
  intent: z
    .string()
    .regex(/^(send-selected|send-all|(resend|revoke|deactivate|reactivate):\d+)$/)
    .transform((value) => {
      const [verb = "", staffId] = value.split(":");
      return {
        verb: verb as "send-selected" | "send-all" | "resend" | "revoke" | "deactivate" | "reactivate",
        staffId: Number(staffId),
      };
    }),
  staffIds: z.array(id).max(5000),
  schoolId: id.optional(),
  /** The page's search: "everyone not yet invited" means those the admin sees. */
  q: z.string().trim().max(200).default(""),
});

/**
 * Every button of the Staff page posts here with its `intent`: send to the selected, send to
 * everyone who needs an invitation (in the school filter), or resend / revoke / deactivate /
 * reactivate one person.
 */
export const staffAction = adminAction(
  formSchema,
  async ({ intent, staffIds, schoolId, q }, { db, user, organization }): Promise<StaffActionState> => {
    const actor = { userId: user.id };
    const send = async (ids: number[]) =>
      describeSend(
        await sendInvitations(db, organization.id, { staffIds: ids, sentBy: { userId: user.id, email: user.email } }),
        organization.timeZone,
      );
    switch (intent.verb) {
      case "send-selected":
      case "send-all": {
        const ids =
          intent.verb === "send-all" ? await listStaffNeedingInvitation(db, organization.id, schoolId, q) : staffIds;
        if (ids.length === 0)
          return {
            error:
              intent.verb === "send-all"
                ? "Everyone here has a working invitation or has accepted."
                : "Select at least one person.",
          };
        return send(ids);
      }
      case "resend":
        return send([intent.staffId]);
      case "revoke":
        await revokeInvitation(db, organization.id, intent.staffId, actor);
        return { message: "Invitation revoked: its link no longer works." };
      case "deactivate":
      case "reactivate": {
        const active = intent.verb === "reactivate";
        await setStaffActive(db, organization.id, intent.staffId, active, actor);
        return {
          message: active
            ? "Reactivated: they can sign in again with their email."
            : "Deactivated: they are signed out and cannot sign in.",
        };
      }
    }
  },
  {
    what: "staff",
    input: (form) => ({
      intent: String(form.get("intent") ?? ""),
      staffIds: form.getAll("staffId").map(String),
      schoolId: form.get("schoolId") || undefined,
      q: String(form.get("q") ?? ""),
    }),
    invalid: "That request was not understood. Reload the page and try again.",
    failed: "Something went wrong; nothing more was changed. Try again",
    revalidate: ["/admin/staff"],
  },
);

function describeSend(result: SendInvitationsResult, timeZone: string): StaffActionState {
  const sent = result.sent.length;
  const details = [
    ...result.failed.map((f) => `${f.email}: not sent — ${f.message}`),
    ...result.skipped.map((s) => `${s.email ?? "A staff member"}: ${s.reason}`),
  ];
  if (result.stoppedByLimit) {
    details.unshift(
      `${result.stoppedByLimit.message} ${result.stoppedByLimit.notTried} not sent; try again after ${new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone }).format(result.stoppedByLimit.retryAt)}.`,
    );
  }
  const message = sent === 1 ? "Sent 1 invitation." : `Sent ${sent} invitations.`;
  return sent > 0 ? { message, details } : { error: message, details };
}
