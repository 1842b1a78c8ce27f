"use server";

import { z } from "zod";
import { adminAction, type ActionState } from "@/lib/admin-action";
import { applyPendingImport, discardPendingImport } from "@/lib/import/decide-import";

export type DecisionState = ActionState;

const decisionSchema = z.object({ importId: z.uuid("This import does not exist.") });
const input = (_form: FormData, importId: string) => ({ importId });
const revalidate = ["/admin/imports", "/admin"];

/** Apply (or "Apply anyway" for a held import): re-plans under the lock and applies. */
export const applyImportAction = adminAction<typeof decisionSchema, unknown, [importId: string]>(
  decisionSchema,
  async ({ importId }, { db, user, organization }) => {
    await applyPendingImport(db, organization.id, importId, { userId: user.id });
    return { redirectTo: `/admin/imports/${importId}` };
  },
  { what: "apply import", input, failed: "The import could not be applied. Try again", revalidate },
);

export const discardImportAction = adminAction<typeof decisionSchema, unknown, [importId: string]>(
  decisionSchema,
  async ({ importId }, { db, user, organization }) => {
    await discardPendingImport(db, organization.id, importId, { userId: user.id });
    return { redirectTo: `/admin/imports/${importId}` };
  },
  { what: "discard import", input, failed: "The import could not be discarded. Try again", revalidate },
);
