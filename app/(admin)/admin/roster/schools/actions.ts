"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { renameSchool } from "@/db/queries/roster-schools";
import { requireAdmin } from "@/lib/auth/guards";
import { rosterHref } from "@/lib/roster/list-params";
import { editedNameSchema } from "@/lib/validation";

const renameSchoolSchema = z.object({
  schoolId: z.coerce.number().int().positive(),
  name: editedNameSchema("the school's name", 120),
});
const returnSchema = z.object({ q: z.string().max(200).catch(""), page: z.coerce.number().int().min(1).catch(1) });

export type RenameSchoolState = { name?: string; errors?: { name?: string[] }; message?: string };

/** Names a school of the admin's organization, then goes back to the list where they were. */
export async function renameSchoolAction(_prev: RenameSchoolState, formData: FormData): Promise<RenameSchoolState> {
  const { user, organization } = await requireAdmin();
  const name = String(formData.get("name") ?? "");
  const parsed = renameSchoolSchema.safeParse({ schoolId: formData.get("schoolId"), name });
  if (!parsed.success) return { name, errors: z.flattenError(parsed.error).fieldErrors };
  let schoolId: string | null;
  try {
    const db = await getDb();
    schoolId = await db.transaction(async (tx) => {
      const renamed = await renameSchool(tx, organization.id, parsed.data.schoolId, parsed.data.name);
      if (renamed) {
        await recordAudit(tx, organization.id, {
          actorUserId: user.id,
          action: "school.renamed",
          targetType: "school",
          targetId: renamed,
          details: { name: parsed.data.name },
        });
      }
      return renamed;
    });
  } catch (error) {
    const id = crypto.randomUUID().slice(0, 8);
    console.error(`[rename-school ${id}] could not rename a school`, error);
    return { name, message: `The name could not be saved. Try again (reference ${id}).` };
  }
  if (!schoolId) return { name, message: "This school is not in your roster." };
  revalidatePath("/admin/roster/schools");
  const back = returnSchema.parse({ q: formData.get("q") ?? "", page: formData.get("page") ?? 1 });
  redirect(rosterHref("/admin/roster/schools", { q: back.q }, { page: back.page }));
}
