import { describe, expect, it, vi } from "vitest";
import { captureLog } from "@/lib/log";
import { makeOrganization, makeStaff } from "@/tests/support/factories";
import { canaryName } from "./canary-search";

// The privacy canary for a teacher (issue 13 item 7): a made-up name and address go through an
// invitation, a mail that cannot be sent, and the error path of every admin action and the
// sign-in action, each failing with an error shaped like the real ones (a Drizzle "Failed query"
// with its params, a PostgreSQL key detail, a mail service refusing the address). What the server
// logged holds neither the name nor the address.

const FIRST = canaryName("Quillon");
const LAST = canaryName("Vexmoor");
const EMAIL = `${canaryName("quill")}@district.test`;
const logged: string[] = [];
const stopCapture = captureLog((line) => logged.push(line));

/** An error as Drizzle and PostgreSQL raise it, holding the teacher's name and address. */
function canaryError(): Error {
  const cause = Object.assign(new Error('duplicate key value violates unique constraint "staff_email_key"'), {
    code: "23505",
    detail: `Key (organization_id, email)=(o-1, ${EMAIL}) already exists.`,
    table: "staff",
  });
  return new Error(
    `Failed query: update staff set first_name = $1, last_name = $2, email = $3 where id = $4\nparams: ${FIRST},${LAST},${EMAIL},7`,
    { cause },
  );
}

const fail = { mail: false, actions: false };
const explode =
  <A extends unknown[], R>(real: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    if (fail.actions) throw canaryError();
    return real(...args);
  };

let session: { user: { id: string; email: string } } | null = null;
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => session,
  signIn: async () => {
    if (fail.actions)
      throw Object.assign(new Error(`Could not send the sign-in link to ${EMAIL}`), { cause: canaryError() });
  },
  signOut: async () => undefined,
  CHECK_EMAIL_PATH: "/sign-in/check-email",
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
  notFound: () => {
    throw new Error("notFound");
  },
}));
vi.mock("@/lib/mail/send-mail", async (original) => {
  const real = await original<typeof import("@/lib/mail/send-mail")>();
  return {
    ...real,
    sendMail: async (message: Parameters<typeof real.sendMail>[0]) => {
      if (fail.mail)
        throw new real.MailError(`The mail service refused the message to ${message.to}: mailbox full`, {
          cause: canaryError(),
        });
      return real.sendMail(message);
    },
  };
});
vi.mock("@/db/queries/roster-schools", async (original) => {
  const real = await original<typeof import("@/db/queries/roster-schools")>();
  return { ...real, renameSchool: explode(real.renameSchool) };
});
vi.mock("@/lib/import/decide-import", async (original) => {
  const real = await original<typeof import("@/lib/import/decide-import")>();
  return {
    ...real,
    applyPendingImport: explode(real.applyPendingImport),
    queuePendingApply: explode(real.queuePendingApply),
    discardPendingImport: explode(real.discardPendingImport),
  };
});
vi.mock("@/lib/sources/create-nightly-source", async (original) => {
  const real = await original<typeof import("@/lib/sources/create-nightly-source")>();
  return { ...real, createNightlySource: explode(real.createNightlySource) };
});
vi.mock("@/db/queries/nightly-sources", async (original) => {
  const real = await original<typeof import("@/db/queries/nightly-sources")>();
  return {
    ...real,
    getNightlySource: explode(real.getNightlySource),
    deleteNightlySource: explode(real.deleteNightlySource),
  };
});
vi.mock("@/lib/sources/create-api-token", async (original) => {
  const real = await original<typeof import("@/lib/sources/create-api-token")>();
  return { ...real, createApiToken: explode(real.createApiToken) };
});
vi.mock("@/db/queries/api-tokens", async (original) => {
  const real = await original<typeof import("@/db/queries/api-tokens")>();
  return { ...real, revokeApiToken: explode(real.revokeApiToken) };
});
vi.mock("@/lib/invitations/revoke-invitation", async (original) => {
  const real = await original<typeof import("@/lib/invitations/revoke-invitation")>();
  return { ...real, revokeInvitation: explode(real.revokeInvitation) };
});
vi.mock("@/lib/staff/set-staff-active", async (original) => {
  const real = await original<typeof import("@/lib/staff/set-staff-active")>();
  return { ...real, setStaffActive: explode(real.setStaffActive) };
});
vi.mock("@/lib/invitations/send-invitations", async (original) => {
  const real = await original<typeof import("@/lib/invitations/send-invitations")>();
  return { ...real, sendInvitations: explode(real.sendInvitations) };
});

const staffActions = await import("@/app/(admin)/admin/staff/actions");
const schoolActions = await import("@/app/(admin)/admin/roster/schools/actions");
const importActions = await import("@/app/(admin)/admin/imports/actions");
const settingsActions = await import("@/app/(admin)/admin/settings/actions");
const authActions = await import("@/app/(auth)/actions");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};
const UUID = "00000000-0000-4000-8000-000000000001";

describe("the teacher privacy canary", () => {
  it("an invitation, a failed mail and every action's error path log neither the name nor the address", async () => {
    const { organization, admin } = await makeOrganization();
    session = { user: { id: admin.userId, email: admin.email } };
    const teacher = await makeStaff(organization.id, { email: EMAIL, firstName: FIRST, lastName: LAST });

    // An invitation that goes out, then one whose mail is refused (the audit and the admin get the reason).
    const sent = await staffActions.staffAction({}, form({ intent: "send-selected", staffId: String(teacher.id) }));
    expect(sent.message).toBe("Sent 1 invitation.");
    fail.mail = true;
    const refused = await staffActions.staffAction({}, form({ intent: `resend:${teacher.id}` }));
    expect(refused.error).toBe("Sent 0 invitations.");
    fail.mail = false;

    // Every action failing unexpectedly: a generic message with a reference, the error logged.
    fail.actions = true;
    const answers = [
      await staffActions.staffAction({}, form({ intent: `resend:${teacher.id}` })),
      await staffActions.staffAction({}, form({ intent: `revoke:${teacher.id}` })),
      await staffActions.staffAction({}, form({ intent: `deactivate:${teacher.id}` })),
      await schoolActions.renameSchoolAction({}, form({ schoolId: "1", name: `${FIRST} Elementary` })),
      await importActions.applyImportAction(UUID, {}, form({})),
      await importActions.discardImportAction(UUID, {}, form({})),
      await settingsActions.createSourceAction({}, form({ name: `${FIRST}'s export`, kind: "combined" })),
      await settingsActions.testSourceAction(UUID, {}, form({})),
      await settingsActions.createTokenAction({}, form({ name: `${FIRST} script` })),
      await authActions.requestSignInLinkAction({}, form({ email: EMAIL })),
    ];
    for (const answer of answers as { error?: string; message?: string }[])
      expect(answer.error ?? answer.message).toMatch(/reference [0-9a-f]{8}/);
    for (const formAction of [
      () => settingsActions.deleteSourceAction(UUID, form({})),
      () => settingsActions.revokeTokenAction(UUID, form({})),
    ])
      await expect(formAction()).rejects.toThrow(/reference [0-9a-f]{8}/);
    fail.actions = false;
    stopCapture();

    const text = logged.join("\n");
    expect(logged.filter((line) => line.includes('"level":"error"')).length).toBeGreaterThanOrEqual(13);
    expect(text).not.toContain(FIRST);
    expect(text).not.toContain(LAST);
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain(EMAIL.split("@")[0]);
  });
});
