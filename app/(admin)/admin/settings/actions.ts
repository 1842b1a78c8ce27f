"use server";

import { z } from "zod";
import { revokeApiToken } from "@/db/queries/api-tokens";
import { recordAudit } from "@/db/queries/audit";
import { setUsernameEmailDomain } from "@/db/queries/organizations";
import { setDeactivationThreshold, thresholdSchema } from "@/lib/organizations/set-deactivation-threshold";
import { emailDomainSchema } from "@/lib/import/sets/email-domain";
import { deleteNightlySource, getNightlySource } from "@/db/queries/nightly-sources";
import { adminAction, adminFormAction, formFields, type ActionState } from "@/lib/admin-action";
import { saveSignInSettings } from "@/lib/auth/sso-settings";
import { env } from "@/lib/env";
import { createApiToken } from "@/lib/sources/create-api-token";
import { createNightlySource } from "@/lib/sources/create-nightly-source";
import { credentialKey } from "@/lib/sources/credential-cipher";
import { nightlyContextFromEnv } from "@/lib/sources/nightly-context";
import type { NightlyLine } from "@/lib/sources/nightly-line";
import { pullNightlySource } from "@/lib/sources/pull-nightly-source";

// Settings → Nightly sync and API tokens (lib/admin-action.ts: the admin is checked first; the
// organization comes from the session, ids from the bound arguments are looked up inside it).

export type FormState = ActionState;
export type TestState = ActionState<NightlyLine>;
export type TokenState = ActionState<{ token: string; name: string }>;

const settings = ["/admin/settings"];
/** The form as createNightlySource checks it (lib/sources/nightly-source-schema.ts). */
const sourceFormSchema = z.record(z.string(), z.string());
const sourceIdSchema = z.object({ sourceId: z.uuid("This source no longer exists.") });
const sourceId = (_form: FormData, id: string) => ({ sourceId: id });

export const createSourceAction = adminAction(
  sourceFormSchema,
  async (values, { db, user, organization }) => {
    const source = await createNightlySource(db, organization, values as never, {
      userId: user.id,
      dropRoot: env.NIGHTLY_DROP_ROOT,
      credentialKey,
    });
    await recordAudit(db, organization.id, {
      actorUserId: user.id,
      action: "setting.source_added",
      targetType: "nightly_source",
      targetId: source.id,
      details: { name: source.name },
    });
    return { message: `Added "${source.name}".` };
  },
  { what: "create nightly source", input: formFields, secretFields: ["credentialHeaderValue"], revalidate: settings },
);

export const testSourceAction = adminAction<typeof sourceIdSchema, NightlyLine, [sourceId: string]>(
  sourceIdSchema,
  async ({ sourceId }, { db, user, organization }) => {
    const source = await getNightlySource(db, organization.id, sourceId);
    if (!source) return { error: "This source no longer exists." };
    return {
      data: await pullNightlySource(db, source, nightlyContextFromEnv(), { force: true, actorUserId: user.id }),
    };
  },
  { what: "test nightly source", input: sourceId, revalidate: [...settings, "/admin/imports"] },
);

export const deleteSourceAction = adminFormAction<typeof sourceIdSchema, [sourceId: string]>(
  sourceIdSchema,
  async ({ sourceId }, { db, user, organization }) => {
    const source = await getNightlySource(db, organization.id, sourceId);
    if (!source) return;
    await deleteNightlySource(db, organization.id, sourceId);
    await recordAudit(db, organization.id, {
      actorUserId: user.id,
      action: "setting.source_deleted",
      targetType: "nightly_source",
      targetId: sourceId,
      details: { name: source.name },
    });
  },
  { what: "delete nightly source", input: sourceId, revalidate: settings },
);

export const createTokenAction = adminAction<z.ZodObject<{ name: z.ZodString }>, { token: string; name: string }>(
  z.object({ name: z.string() }),
  async ({ name }, { db, user, organization }) => {
    const { token, record } = await createApiToken(db, organization.id, name, user.id);
    await recordAudit(db, organization.id, {
      actorUserId: user.id,
      action: "setting.token_created",
      targetType: "api_token",
      targetId: record.id,
      details: { name: record.name },
    });
    return { data: { token, name: record.name } };
  },
  { what: "create API token", input: (form) => ({ name: String(form.get("name") ?? "") }), revalidate: settings },
);

export const revokeTokenAction = adminFormAction<z.ZodObject<{ tokenId: z.ZodUUID }>, [tokenId: string]>(
  z.object({ tokenId: z.uuid("This token no longer exists.") }),
  async ({ tokenId }, { db, user, organization }) => {
    if (await revokeApiToken(db, organization.id, tokenId)) {
      await recordAudit(db, organization.id, {
        actorUserId: user.id,
        action: "setting.token_revoked",
        targetType: "api_token",
        targetId: tokenId,
      });
    }
  },
  { what: "revoke API token", input: (_form, tokenId) => ({ tokenId }), revalidate: settings },
);

/** Settings → Sign-in: how staff sign in, and which Google Workspace domain counts (lib/auth/sso-settings.ts checks). */
export const saveSignInSettingsAction = adminAction(
  z.object({ staffSignInProvider: z.string().default(""), googleHostedDomain: z.string().default("") }),
  async (values, { db, user, organization }) => {
    await saveSignInSettings(db, organization.id, user.id, values);
    return { message: "Sign-in settings saved." };
  },
  { what: "save sign-in settings", revalidate: settings },
);

/** Settings → OneRoster, Clever and SDS sets: the organization's "email domain for usernames". */
export const saveEmailDomainAction = adminAction(
  z.object({ domain: emailDomainSchema }),
  async ({ domain }, { db, organization }) => {
    await setUsernameEmailDomain(db, organization.id, domain);
    return {
      message: domain
        ? `Teachers with only a username now get username${domain} as their email on the next import.`
        : "Cleared: a teacher with only a username is reported on the import.",
    };
  },
  { what: "save email domain for usernames", revalidate: settings },
);

/** Settings → Imports: the hold threshold (lib/organizations/set-deactivation-threshold.ts checks and audits). */
export const saveThresholdAction = adminAction(
  thresholdSchema,
  async ({ percent }, { db, user, organization }) => {
    const { before, after } = await setDeactivationThreshold(
      db,
      organization.id,
      { percent: String(percent) },
      user.id,
    );
    return {
      message:
        before === after
          ? `The threshold stays at ${after} %.`
          : `Saved: imports that would remove more than ${after} % are held for review (it was ${before} %).`,
    };
  },
  { what: "save hold threshold", revalidate: settings },
);
