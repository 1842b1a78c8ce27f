"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { requireAdmin } from "@/lib/auth/guards";
import { UserFacingError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { DeletionReport } from "@/lib/privacy/deletion-report";
import { deleteOrganization } from "@/lib/privacy/delete-organization";
import { forgetPerson } from "@/lib/privacy/forget-person";
import { setRetention } from "@/lib/privacy/set-retention";

// Settings → Data & privacy. Every action checks the admin first; the organization comes from the
// session. Each destructive action needs the admin to type what it acts on a second time.

export type ReportView = Omit<DeletionReport, "at"> & { at: string };
export type PrivacyState = { error?: string; message?: string; report?: ReportView; values?: Record<string, string> };

const view = (report: DeletionReport): ReportView => ({ ...report, at: report.at.toISOString() });
const field = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

async function guarded(what: string, body: () => Promise<PrivacyState>): Promise<PrivacyState> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message };
    const reference = crypto.randomUUID().slice(0, 8);
    log.error(`privacy ${what} failed`, { reference, error });
    return { error: `Something went wrong (reference ${reference}). Nothing was changed; try again.` };
  }
}

export async function setRetentionAction(_prev: PrivacyState, form: FormData): Promise<PrivacyState> {
  const { user, organization } = await requireAdmin();
  const values = Object.fromEntries(
    [
      "importHistoryRetentionMonths",
      "undoRetentionMonths",
      "auditRetentionMonths",
      "deactivatedPeopleRetentionMonths",
    ].map((name) => [name, field(form, name)]),
  );
  const state = await guarded("retention", async () => {
    await setRetention(await getDb(), organization.id, values, user.id);
    return { message: "Saved. The nightly housekeeping deletes what is older than these limits." };
  });
  if (state.error) return { ...state, values };
  revalidatePath("/admin/settings/privacy");
  return state;
}

export async function forgetPersonAction(_prev: PrivacyState, form: FormData): Promise<PrivacyState> {
  const { user, organization } = await requireAdmin();
  const kind = field(form, "kind") === "staff" ? "staff" : "student";
  const key = field(form, "key");
  const confirm = field(form, "confirm");
  const values = { kind, key };
  if (!key) return { error: kind === "student" ? "Type the student's id." : "Type the staff member's email.", values };
  if (confirm.toLowerCase() !== key.toLowerCase())
    return { error: `Type "${key}" again in the confirmation box to forget this person.`, values };
  const state = await guarded("forget", async () => {
    const report = await forgetPerson(
      await getDb(),
      organization.id,
      kind === "student" ? { kind, studentId: key } : { kind, email: key },
      { userId: user.id, label: user.email },
    );
    return { report: view(report) };
  });
  if (state.error) return { ...state, values };
  revalidatePath("/admin", "layout");
  return state;
}

export async function deleteOrganizationAction(_prev: PrivacyState, form: FormData): Promise<PrivacyState> {
  const { user, organization } = await requireAdmin();
  // The admin types the organization's name; the operator's CLI confirms with its slug.
  if (field(form, "confirm").toLowerCase() !== organization.name.trim().toLowerCase())
    return { error: `Type "${organization.name}" exactly to confirm. Nothing was deleted.` };
  return guarded("delete organization", async () => {
    const report = await deleteOrganization(await getDb(), organization.slug, organization.slug, {
      userId: user.id,
      label: user.email,
    });
    return { report: view(report) };
  });
}
