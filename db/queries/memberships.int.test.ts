import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { upsertUserByEmail } from "@/db/queries/users";
import { staff } from "@/db/schema/roster";
import { CHECK_EMAIL_PATH, signInPolicy } from "@/lib/auth/sign-in-policy";
import { makeAcceptedStaff, makeOrganization, unique } from "@/tests/support/factories";
import { emailMaySignIn, listUsableMemberships } from "./memberships";

describe("who may sign in", () => {
  it("lets admins in, whatever the case of their email", async () => {
    const { admin } = await makeOrganization();
    const db = await getDb();
    expect(await emailMaySignIn(db, admin.email)).toBe(true);
    expect(await emailMaySignIn(db, admin.email.toUpperCase())).toBe(true);
  });

  it("keeps out unknown emails and users without a membership", async () => {
    const db = await getDb();
    const loner = await upsertUserByEmail(db, `loner-${unique()}@x.test`);
    expect(await emailMaySignIn(db, `nobody-${unique()}@x.test`)).toBe(false);
    expect(await emailMaySignIn(db, loner.email)).toBe(false);
  });

  it("lets accepted, active staff in and keeps deactivated staff out", async () => {
    const { organization } = await makeOrganization();
    const db = await getDb();
    const active = await makeAcceptedStaff(organization.id);
    const gone = await makeAcceptedStaff(organization.id, { active: false });
    expect(await emailMaySignIn(db, active.user.email)).toBe(true);
    expect(await emailMaySignIn(db, gone.user.email)).toBe(false);

    await db.update(staff).set({ active: false }).where(eq(staff.id, active.staff.id));
    expect(await emailMaySignIn(db, active.user.email)).toBe(false);
    await db.update(staff).set({ active: true }).where(eq(staff.id, active.staff.id));
    expect(await emailMaySignIn(db, active.user.email)).toBe(true);
  });

  it("lists usable memberships oldest first, with the role and the staff record", async () => {
    const db = await getDb();
    const { organization, admin } = await makeOrganization();
    const teacherOrg = await makeOrganization();
    const teacher = await makeAcceptedStaff(teacherOrg.organization.id, { email: admin.email });
    const list = await listUsableMemberships(db, admin.userId);
    expect(list.map((m) => [m.organizationId, m.role, m.staffId])).toEqual([
      [organization.id, "admin", null],
      [teacherOrg.organization.id, "staff", teacher.staff.id],
    ]);
    await db.update(staff).set({ active: false }).where(eq(staff.id, teacher.staff.id));
    expect((await listUsableMemberships(db, admin.userId)).map((m) => m.role)).toEqual(["admin"]);
  });
});

describe("signInPolicy (the Auth.js signIn callback)", () => {
  it("sends a link to an admin", async () => {
    const { admin } = await makeOrganization();
    expect(await signInPolicy({ user: { email: admin.email }, email: { verificationRequest: true } })).toBe(true);
  });

  it("answers an unknown email with the same check-your-inbox page and no link", async () => {
    const result = await signInPolicy({
      user: { email: `who-${unique()}@x.test` },
      email: { verificationRequest: true },
    });
    expect(result).toBe(CHECK_EMAIL_PATH);
  });

  it("refuses a link used by someone deactivated since it was sent", async () => {
    const { organization } = await makeOrganization();
    const teacher = await makeAcceptedStaff(organization.id);
    expect(await signInPolicy({ user: { email: teacher.user.email } })).toBe(true);
    await (await getDb()).update(staff).set({ active: false }).where(eq(staff.id, teacher.staff.id));
    expect(await signInPolicy({ user: { email: teacher.user.email } })).toBe(false);
    expect(await signInPolicy({ user: { email: null }, email: { verificationRequest: true } })).toBe(CHECK_EMAIL_PATH);
  });
});
