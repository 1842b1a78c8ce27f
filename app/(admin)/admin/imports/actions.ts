"use server";

import { z } from "zod";
import { adminAction, type ActionState } from "@/lib/admin-action";
import { discardPendingImport, queuePendingApply } from "@/lib/import/decide-import";
import { undoImport, undoImportWithLater } from "@/lib/import/undo-import";

export type DecisionState = ActionState;

const decisionSchema = z.object({ importId: z.uuid("This import does not exist.") });
const input = (_form: FormData, importId: string) => ({ importId });
const revalidate = ["/admin/imports", "/admin"];

/** Apply (or "Apply anyway" for a held import): decided now, applied by a worker (the page follows it). */
export const applyImportAction = adminAction<typeof decisionSchema, unknown, [importId: string]>(
  decisionSchema,
  async ({ importId }, { db, user, organization }) => {
    await queuePendingApply(db, organization.id, importId, { userId: user.id });
    return { redirectTo: `/admin/imports/${importId}?done=applied` };
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

const undoSchema = z.object({ importId: z.uuid("This import does not exist."), withLater: z.boolean() });

/**
 * Undo of an applied import (after its preview); with `withLater`, the later imports that
 * changed the same rows are undone first, newest first. Opens the undo's own page.
 */
export const undoImportAction = adminAction<typeof undoSchema, unknown, [importId: string, withLater: boolean]>(
  undoSchema,
  async ({ importId, withLater }, { db, user, organization }) => {
    const run = withLater ? undoImportWithLater : undoImport;
    const undo = await run(db, organization.id, importId, { userId: user.id });
    return { redirectTo: `/admin/imports/${undo.id}?done=undone` };
  },
  {
    what: "undo import",
    input: (_form: FormData, importId: string, withLater: boolean) => ({ importId, withLater }),
    failed: "The import could not be undone; nothing was changed. Try again",
    revalidate,
  },
);
