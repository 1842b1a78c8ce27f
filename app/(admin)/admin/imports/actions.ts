"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/guards";
import { UserFacingError, loggableError } from "@/lib/errors";
import { applyPendingImport, discardPendingImport } from "@/lib/import/decide-import";

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
  redirect(`/admin/imports/${parsed.data}`);
}
