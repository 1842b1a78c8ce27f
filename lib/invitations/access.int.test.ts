import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailMaySignIn, listUsableMemberships } from "@/db/queries/memberships";
import { sessions } from "@/db/schema/auth";
import { staff } from "@/db/schema/roster";
import { createSession } from "@/lib/auth/create-session";
import { upsertAdminMembership } from "@/db/queries/organizations";
import { setStaffActive } from "@/lib/staff/set-staff-active";
import { makeOrganization } from "@/tests/support/factories";
import { csv, importBytes } from "@/tests/support/roster-files";
import { acceptInvitation } from "./accept-invitation";
import { listOutbox } from "@/lib/mail/outbox";
import { createStaffMembership } from "./create-staff-membership";
import { sendInvitations } from "./send-invitations";

// docs/domain.md: "Deactivated staff lose access." A staff file that leaves a teacher out, or an admin,
// deactivates them: their sessions end at once and they cannot sign in; reactivated (by a later
// file or an admin) they sign in again without a new invitation.

const db = await getDb();
const STAFF_HEADER = ["School ID", "First", "Last", "Email", "Staff ID"];
const staffFile = (...people: Array<[string, string]>) =>
  csv(
    STAFF_HEADER,
    people.map(([email, id]) => ["S1", "Ana", email.split("@")[0] ?? "", email, id]),
  );

async function signedUpTeacher(organizationId: string, email: string) {
  const [record] = await db.select().from(staff).where(eq(staff.email, email));
  if (!record) throw new Error(`no staff ${email}`);
  const { userId } = await createStaffMembership(db, organizationId, { staffId: record.id, email });
  await createSession(db, userId);
  await createSession(db, userId); // a second device
  return { record, userId };
}

const sessionCount = async (userId: string) =>
  (await db.select().from(sessions).where(eq(sessions.userId, userId))).length;

describe("access follows the roster", () => {
  it("a staff file that drops a teacher ends their sessions; the next file that names them lets them sign in again", async () => {
    const { organization } = await makeOrganization();
    const ana = `ana-${organization.slug}@district.test`;
    const ben = `ben-${organization.slug}@district.test`;
    expect((await importBytes(organization.id, staffFile([ana, "T1"], [ben, "T2"]), { kind: "staff" })).status).toBe(
      "applied",
    );
    const teacher = await signedUpTeacher(organization.id, ana);
    const other = await signedUpTeacher(organization.id, ben);
    expect(await emailMaySignIn(db, ana)).toBe(true);

    const dropped = await importBytes(organization.id, staffFile([ben, "T2"]), {
      kind: "staff",
      fileName: "staff-2.csv",
    });
    expect(dropped.counts.staff.deactivated).toBe(1);
    expect(await sessionCount(teacher.userId)).toBe(0);
    expect(await sessionCount(other.userId)).toBe(2);
    expect(await emailMaySignIn(db, ana)).toBe(false);
    expect(await listUsableMemberships(db, teacher.userId)).toEqual([]);

    const back = await importBytes(organization.id, staffFile([ana, "T1"], [ben, "T2"]), {
      kind: "staff",
      fileName: "staff-3.csv",
    });
    expect(back.counts.staff.reactivated).toBe(1);
    expect(await emailMaySignIn(db, ana)).toBe(true);
    expect(await listUsableMemberships(db, teacher.userId)).toMatchObject([
      { role: "staff", staffId: teacher.record.id },
    ]);
  });

  it("an admin deactivates a teacher (sessions end, audited) and reactivates them (no new invitation needed)", async () => {
    const { organization, admin } = await makeOrganization();
    const ana = `ana-${organization.slug}@district.test`;
    await importBytes(organization.id, staffFile([ana, "T1"]), { kind: "staff" });
    const teacher = await signedUpTeacher(organization.id, ana);

    expect(await setStaffActive(db, organization.id, teacher.record.id, false, { userId: admin.userId })).toEqual({
      sessionsEnded: 2,
    });
    expect(await emailMaySignIn(db, ana)).toBe(false);
    await setStaffActive(db, organization.id, teacher.record.id, true, { userId: admin.userId });
    expect(await emailMaySignIn(db, ana)).toBe(true);
  });

  it("keeps the sessions of a deactivated teacher who is also an admin, and ignores another district's ids", async () => {
    const { organization, admin } = await makeOrganization();
    const ana = `ana-${organization.slug}@district.test`;
    await importBytes(organization.id, staffFile([ana, "T1"]), { kind: "staff" });
    const teacher = await signedUpTeacher(organization.id, ana);
    const elsewhere = await makeOrganization();
    await upsertAdminMembership(db, elsewhere.organization.id, teacher.userId);

    await expect(
      setStaffActive(db, elsewhere.organization.id, teacher.record.id, false, { userId: elsewhere.admin.userId }),
    ).rejects.toThrow("does not exist in this district");
    expect(await setStaffActive(db, organization.id, teacher.record.id, false, { userId: admin.userId })).toEqual({
      sessionsEnded: 0,
    });
    expect(await sessionCount(teacher.userId)).toBe(2);
  });

  it("a deactivated teacher's open invitation does not work until they are reactivated", async () => {
    const { organization, admin } = await makeOrganization();
    const ana = `ana-${organization.slug}@district.test`;
    await importBytes(organization.id, staffFile([ana, "T1"]), { kind: "staff" });
    const [record] = await db.select().from(staff).where(eq(staff.email, ana));
    if (!record) throw new Error("no staff");
    await sendInvitations(db, organization.id, {
      staffIds: [record.id],
      sentBy: { userId: admin.userId, email: admin.email },
    });
    const token = new URL((await listOutbox({ to: ana }))[0]?.links[0] ?? "").pathname.split("/").pop() ?? "";
    await setStaffActive(db, organization.id, record.id, false, { userId: admin.userId });
    expect(await acceptInvitation(db, token, null)).toEqual({ ok: false, reason: "invalid" });
    await setStaffActive(db, organization.id, record.id, true, { userId: admin.userId });
    expect(await acceptInvitation(db, token, null)).toMatchObject({ ok: true });
  });
});
