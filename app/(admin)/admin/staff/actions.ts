"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { listStaffNeedingInvitation } from "@/db/queries/invitations";
import { requireAdmin } from "@/lib/auth/guards";
import { UserFacingError } from "@/lib/errors";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { sendInvitations, type SendInvitationsResult } from "@/lib/invitations/send-invitations";
import { setStaffActive } from "@/lib/staff/set-staff-active";

export type StaffActionState = { tone?: "success" | "error"; message?: string; details?: string[] };

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
});

/**
 * Every button of the Staff page posts here with its `intent`: send to the selected, send to
 * everyone who needs an invitation (in the school filter), or resend / revoke / deactivate /
 * reactivate one person.
 */
export async function staffAction(_prev: StaffActionState, formData: FormData): Promise<StaffActionState> {
  const { user, organization } = await requireAdmin();
  const parsed = formSchema.safeParse({
    intent: String(formData.get("intent") ?? ""),
    staffIds: formData.getAll("staffId").map(String),
    schoolId: formData.get("schoolId") || undefined,
  });
  if (!parsed.success)
    return { tone: "error", message: "That request was not understood. Reload the page and try again." };
  const { intent, staffIds, schoolId } = parsed.data;
  const db = await getDb();
  const actor = { userId: user.id };
  const send = async (ids: number[]) =>
    describeSend(
      await sendInvitations(db, organization.id, {
        staffIds: ids,
        sentBy: { userId: user.id, email: user.email },
      }),
      organization.timeZone,
    );
  let state: StaffActionState = {};
  try {
    switch (intent.verb) {
      case "send-selected":
      case "send-all": {
        const ids =
          intent.verb === "send-all" ? await listStaffNeedingInvitation(db, organization.id, schoolId) : staffIds;
        if (ids.length === 0)
          return {
            tone: "error",
            message:
              intent.verb === "send-all"
                ? "Everyone here has a working invitation or has accepted."
                : "Select at least one person.",
          };
        state = await send(ids);
        break;
      }
      case "resend":
        state = await send([intent.staffId]);
        break;
      case "revoke":
        await revokeInvitation(db, organization.id, intent.staffId, actor);
        state = { tone: "success", message: "Invitation revoked: its link no longer works." };
        break;
      case "deactivate":
      case "reactivate": {
        const active = intent.verb === "reactivate";
        await setStaffActive(db, organization.id, intent.staffId, active, actor);
        state = {
          tone: "success",
          message: active
            ? "Reactivated: they can sign in again with their email."
            : "Deactivated: they are signed out and cannot sign in.",
        };
        break;
      }
    }
  } catch (error) {
    if (error instanceof UserFacingError) return { tone: "error", message: error.message };
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`[staff ${reference}]`, error);
    return { tone: "error", message: `Something went wrong; nothing more was changed (reference ${reference}).` };
  }
  revalidatePath("/admin/staff");
  return state;
}

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
  return { tone: sent > 0 ? "success" : "error", message, details };
}
