"use server";

import { z } from "zod";
import { recordAudit } from "@/db/queries/audit";
import { renameSchool } from "@/db/queries/roster-schools";
import { adminAction, type ActionState } from "@/lib/admin-action";
import { rosterHref } from "@/lib/roster/list-params";
import { editedNameSchema } from "@/lib/validation";

const renameSchoolSchema = z.object({
  schoolId: z.coerce.number().int().positive(),
  name: editedNameSchema("the school's name", 120),
  // Where the admin was on the list, to go back there.
  q: z.string().max(200).catch(""),
  page: z.coerce.number().int().min(1).catch(1),
});

export type RenameSchoolState = ActionState;

/** Names a school of the admin's organization, then goes back to the list where they were. */
export const renameSchoolAction = adminAction(
  renameSchoolSchema,
  async ({ schoolId, name, q, page }, { db, user, organization }) => {
    const renamed = await db.transaction(async (tx) => {
      const id = await renameSchool(tx, organization.id, schoolId, name);
      if (id) {
        await recordAudit(tx, organization.id, {
          actorUserId: user.id,
          action: "school.renamed",
          targetType: "school",
          targetId: id,
          details: { name },
        });
      }
      return id;
    });
    if (!renamed) return { error: "This school is not in your roster." };
    return { redirectTo: rosterHref("/admin/roster/schools", { q }, { page }) };
  },
  { what: "rename school", failed: "The name could not be saved. Try again", revalidate: ["/admin/roster/schools"] },
);
