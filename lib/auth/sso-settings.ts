import { z } from "zod";
import type { Database } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { getOrganizationSignInSettings, updateOrganizationSignInSettings } from "@/db/queries/sso";
import { UserFacingError } from "@/lib/errors";
import { configuredSsoProviders } from "./sso-providers";

// Settings → Sign-in: how an organization's staff sign in, and which Google Workspace counts.

const domain = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function signInSettingsSchema(configured: readonly { id: string; name: string }[] = configuredSsoProviders()) {
  return z.object({
    staffSignInProvider: z
      .string()
      .trim()
      .refine((value) => value === "" || configured.some((p) => p.id === value), "Choose one of the sign-in options")
      .transform((value) => value || null),
    googleHostedDomain: z
      .string()
      .trim()
      .toLowerCase()
      .max(253)
      .refine((value) => value === "" || domain.test(value), "Enter a domain such as yourdistrict.k12.us, without @")
      .transform((value) => value || null),
  });
}

/** Saves the organization's sign-in settings and records who changed them. */
export async function saveSignInSettings(
  db: Database,
  organizationId: string,
  userId: string,
  input: Record<string, unknown>,
): Promise<void> {
  const parsed = signInSettingsSchema().safeParse({
    staffSignInProvider: input.staffSignInProvider ?? "",
    googleHostedDomain: input.googleHostedDomain ?? "",
  });
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the form", "invalid_input");
  await db.transaction(async (tx) => {
    const before = await getOrganizationSignInSettings(tx, organizationId);
    await updateOrganizationSignInSettings(tx, organizationId, parsed.data);
    await recordAudit(tx, organizationId, {
      actorUserId: userId,
      action: "organization.sign_in_settings_changed",
      targetType: "organization",
      targetId: organizationId,
      details: { before, after: parsed.data },
    });
  });
}
