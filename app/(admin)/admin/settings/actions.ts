"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { revokeApiToken } from "@/db/queries/api-tokens";
import { setUsernameEmailDomain } from "@/db/queries/organizations";
import { parseEmailDomain } from "@/lib/import/sets/email-domain";
import { deleteNightlySource, getNightlySource } from "@/db/queries/nightly-sources";
import { requireAdmin } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { createApiToken } from "@/lib/sources/create-api-token";
import { createNightlySource } from "@/lib/sources/create-nightly-source";
import { credentialKey } from "@/lib/sources/credential-cipher";
import { nightlyContextFromEnv } from "@/lib/sources/nightly-context";
import type { NightlyLine } from "@/lib/sources/nightly-line";
import { pullNightlySource } from "@/lib/sources/pull-nightly-source";

// Settings → Nightly sync and API tokens. Every action checks the admin first; the organization
// comes from the session, ids from the bound arguments are looked up inside it.

export type FormState = { error?: string; message?: string; values?: Record<string, string> };
export type TestState = { error?: string; line?: NightlyLine };
export type TokenState = { error?: string; token?: string; name?: string };

const idSchema = z.uuid();

/** Runs the body; an expected failure becomes its message, anything else a message with a reference. */
async function guarded<T extends { error?: string }>(what: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message } as T;
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`[settings ${what} ${reference}]`, error);
    return { error: `Something went wrong (reference ${reference}). Try again.` } as T;
  }
}

export async function createSourceAction(_prev: FormState, form: FormData): Promise<FormState> {
  const { user, organization } = await requireAdmin();
  const values = Object.fromEntries(
    [...form.entries()].filter(([key]) => !key.startsWith("$")).map(([key, value]) => [key, String(value)]),
  );
  const state = await guarded<FormState>("create source", async () => {
    const source = await createNightlySource(await getDb(), organization, values as never, {
      userId: user.id,
      dropRoot: env.NIGHTLY_DROP_ROOT,
      credentialKey,
    });
    return { message: `Added "${source.name}".` };
  });
  if (state.error) return { ...state, values: { ...values, credentialHeaderValue: "" } };
  revalidatePath("/admin/settings");
  return state;
}

export async function testSourceAction(sourceId: string, _prev: TestState, _form: FormData): Promise<TestState> {
  const { user, organization } = await requireAdmin();
  const state = await guarded<TestState>("test source", async () => {
    const db = await getDb();
    const source = idSchema.safeParse(sourceId).success ? await getNightlySource(db, organization.id, sourceId) : null;
    if (!source) return { error: "This source no longer exists." };
    return {
      line: await pullNightlySource(db, source, nightlyContextFromEnv(), { force: true, actorUserId: user.id }),
    };
  });
  revalidatePath("/admin/settings");
  revalidatePath("/admin/imports");
  return state;
}

export async function deleteSourceAction(sourceId: string, _form: FormData): Promise<void> {
  const { organization } = await requireAdmin();
  if (idSchema.safeParse(sourceId).success) await deleteNightlySource(await getDb(), organization.id, sourceId);
  revalidatePath("/admin/settings");
}

export async function createTokenAction(_prev: TokenState, form: FormData): Promise<TokenState> {
  const { user, organization } = await requireAdmin();
  const state = await guarded<TokenState>("create token", async () => {
    const { token, record } = await createApiToken(
      await getDb(),
      organization.id,
      String(form.get("name") ?? ""),
      user.id,
    );
    return { token, name: record.name };
  });
  revalidatePath("/admin/settings");
  return state;
}

export async function revokeTokenAction(tokenId: string, _form: FormData): Promise<void> {
  const { organization } = await requireAdmin();
  await revokeApiToken(await getDb(), organization.id, tokenId);
  revalidatePath("/admin/settings");
}

/** Settings → Multi-file sets: the organization's "email domain for usernames". */
export async function saveEmailDomainAction(_prev: FormState, form: FormData): Promise<FormState> {
  const { organization } = await requireAdmin();
  const typed = String(form.get("domain") ?? "");
  const state = await guarded<FormState>("save email domain", async () => {
    const domain = parseEmailDomain(typed);
    await setUsernameEmailDomain(await getDb(), organization.id, domain);
    return {
      message: domain
        ? `Teachers with only a username now get username${domain} as their email on the next import.`
        : "Cleared: a teacher with only a username is reported on the import.",
    };
  });
  if (state.error) return { ...state, values: { domain: typed } };
  revalidatePath("/admin/settings");
  return state;
}
