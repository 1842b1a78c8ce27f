"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/guards";
import { UserFacingError, loggableError } from "@/lib/errors";
import { applyPendingImport, discardPendingImport } from "@/lib/import/decide-import";
import { undoImport, undoImportWithLater } from "@/lib/import/undo-import";

export type DecisionState = { error?: string };

const importIdSchema = z.uuid();

/** Apply (or "Apply anyway" for a held import): re-plans under the lock and applies. */
export async function applyImportAction(
  importId: string,
  _prev: DecisionState,
  _form: FormData,
): Promise<DecisionState> {
  return decide(importId, "apply");
}

export async function discardImportAction(
  importId: string,
  _prev: DecisionState,
  _form: FormData,
): Promise<DecisionState> {
  return decide(importId, "discard");
}

async function decide(rawId: string, decision: "apply" | "discard"): Promise<DecisionState> {
  const { user, organization } = await requireAdmin();
  const parsed = importIdSchema.safeParse(rawId);
  if (!parsed.success) return { error: "This import does not exist." };
  try {
    const run = decision === "apply" ? applyPendingImport : discardPendingImport;
    await run(await getDb(), organization.id, parsed.data, { userId: user.id });
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message };
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`[import ${decision} ${reference}]`, loggableError(error));
    return {
      error: `The import could not be ${decision === "apply" ? "applied" : "discarded"}. Try again (reference ${reference}).`,
    };
  }
  revalidatePath("/admin/imports");
  revalidatePath("/admin");
  redirect(`/admin/imports/${parsed.data}${decision === "apply" ? "?done=applied" : ""}`);
}

/**
 * Undo of an applied import (after its preview); with `withLater`, the later imports that
 * changed the same rows are undone first, newest first. Opens the undo's own page.
 */
export async function undoImportAction(
  importId: string,
  withLater: boolean,
  _prev: DecisionState,
  _form: FormData,
): Promise<DecisionState> {
  const { user, organization } = await requireAdmin();
  const parsed = importIdSchema.safeParse(importId);
  if (!parsed.success) return { error: "This import does not exist." };
  let undoId: string;
  try {
    const run = withLater ? undoImportWithLater : undoImport;
    undoId = (await run(await getDb(), organization.id, parsed.data, { userId: user.id })).id;
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message };
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`[import undo ${reference}]`, loggableError(error));
    return { error: `The import could not be undone; nothing was changed. Try again (reference ${reference}).` };
  }
  revalidatePath("/admin/imports");
  revalidatePath("/admin");
  redirect(`/admin/imports/${undoId}?done=undone`);
}
