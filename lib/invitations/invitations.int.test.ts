import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailMaySignIn } from "@/db/queries/memberships";
import { countStaffNotInvited } from "@/db/queries/dashboard";
import { listSchoolFilterOptions, listStaffInvitations, listStaffNeedingInvitation } from "@/db/queries/invitations";
import { getClassFilterOptions } from "@/db/queries/roster-classes";
import { renameSchool } from "@/db/queries/roster-schools";
import { sessions } from "@/db/schema/auth";
import { auditLog } from "@/db/schema/audit";
import { invitations } from "@/db/schema/invitations";
import { memberships } from "@/db/schema/memberships";
import { staff } from "@/db/schema/roster";
import { UserFacingError } from "@/lib/errors";
import { listOutbox } from "@/lib/mail/outbox";
import { makeAcceptedStaff, makeOrganization, makeStaff } from "@/tests/support/factories";
import { combinedCsv, importBytes } from "@/tests/support/roster-files";
import { acceptInvitation } from "./accept-invitation";
import { hashInvitationToken } from "./invitation-token";
import { lookUpInvitation } from "./look-up-invitation";
import { revokeInvitation } from "./revoke-invitation";
import { sendInvitations } from "./send-invitations";
import { publicBaseUrl } from "@/lib/public-url";

async function district() {
  const { organization, admin } = await makeOrganization({ name: "Lincoln Unified" });
  const sentBy = { userId: admin.userId, email: admin.email, name: "Dana Admin" };
  const send = (...staffIds: number[]) => sendInvitations(db(), organization.id, { staffIds, sentBy });
  return { organization, admin, sentBy, send };
}

const database = await getDb();
const db = () => database;

/** The token of the newest invitation mailed to this address, read from the link. */
async function mailedToken(email: string): Promise<string> {
  const [mail] = await listOutbox({ to: email, limit: 1 });
  const link = mail?.links[0];
  if (!link) throw new Error(`no invitation mailed to ${email}`);
  return new URL(link).pathname.split("/").pop() ?? "";
}

async function auditActions(organizationId: string) {
  const rows = await db()
    .select({ action: auditLog.action, targetId: auditLog.targetId, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, organizationId), sql`${auditLog.action} like 'invitation.%'`))
    .orderBy(asc(auditLog.id));
  return rows;
}

async function statusOf(organizationId: string, staffId: number) {
  const { rows } = await listStaffInvitations(db(), organizationId, { pageSize: 500 });
  return rows.find((row) => row.id === staffId)?.status;
}

describe("sendInvitations", () => {
  it("stores only the token's hash, mails one /invite link naming the district and admin, and audits the send", async () => {
    const { organization, admin, send } = await district();
    const ana = await makeStaff(organization.id, { firstName: "Ana", email: `ana-${organization.slug}@district.test` });
    expect(await statusOf(organization.id, ana.id)).toBe("not_invited");

    const result = await send(ana.id);
    expect(result.sent).toHaveLength(1);
    expect(result.skipped).toEqual([]);

    const [mail] = await listOutbox({ to: ana.email });
    expect(mail?.subject).toBe("Dana Admin invited you to Lincoln Unified on RosterSync");
    expect(mail?.category).toBe("invitation");
    expect(mail?.html).toContain("Lincoln Unified");
    expect(mail?.links).toHaveLength(1);
    expect(mail?.links[0]).toMatch(new RegExp(`^${publicBaseUrl()}/invite/[A-Za-z0-9_-]{43}$`));
    expect(mail?.idempotencyKey).toBe(`invitation/${result.sent[0]?.invitationId}`);

    const token = await mailedToken(ana.email);
    const [row] = await db().select().from(invitations).where(eq(invitations.staffId, ana.id));
    expect(row?.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row?.email).toBe(ana.email);
    expect(row?.sentByUserId).toBe(admin.userId);
    const days = ((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);

    const listed = (await listStaffInvitations(db(), organization.id)).rows.find((r) => r.id === ana.id);
    expect(listed).toMatchObject({ status: "invited", sentByEmail: admin.email });
    expect(listed?.expiresAt?.getTime()).toBe(row?.expiresAt.getTime());
    expect(await auditActions(organization.id)).toEqual([
      expect.objectContaining({ action: "invitation.sent", targetId: String(ana.id) }),
    ]);
  });

  it("resending replaces the link: the earlier one is revoked, the new one works, and the audit says resent", async () => {
    const { organization, send } = await district();
    const ana = await makeStaff(organization.id);
    await send(ana.id);
    const first = await mailedToken(ana.email);
    const again = await send(ana.id);
    expect(again.sent[0]?.resent).toBe(true);
    const second = await mailedToken(ana.email);
    expect(second).not.toBe(first);
    expect((await lookUpInvitation(db(), first)).state).toBe("revoked");
    expect((await lookUpInvitation(db(), second)).state).toBe("open");
    const keys = (await listOutbox({ to: ana.email })).map((m) => m.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    expect((await auditActions(organization.id)).map((a) => a.action)).toEqual([
      "invitation.sent",
      "invitation.resent",
    ]);
    expect(await statusOf(organization.id, ana.id)).toBe("invited");
  });

  it("skips deactivated and already accepted staff and ids of another district, and sends the rest", async () => {
    const { organization, send } = await district();
    const other = await makeOrganization();
    const foreign = await makeStaff(other.organization.id);
    const gone = await makeStaff(organization.id, { active: false });
    const accepted = await makeAcceptedStaff(organization.id);
    const ok = await makeStaff(organization.id);
    const result = await send(foreign.id, gone.id, accepted.staff.id, ok.id, ok.id);
    expect(result.sent.map((s) => s.staffId)).toEqual([ok.id]);
    expect(result.skipped).toEqual([
      { staffId: foreign.id, reason: "Not found in this district." },
      { staffId: gone.id, email: gone.email, reason: "Deactivated: reactivate them before inviting." },
      {
        staffId: accepted.staff.id,
        email: accepted.staff.email,
        reason: "Already accepted: they sign in with their email.",
      },
    ]);
    expect(await listOutbox({ to: foreign.email })).toHaveLength(0);
    expect(await listOutbox({ to: gone.email })).toHaveLength(0);
  });
});

describe("revokeInvitation", () => {
  it("stops the link, shows the person as not invited, audits; revoking again is a clear error", async () => {
    const { organization, admin, send } = await district();
    const ana = await makeStaff(organization.id);
    await send(ana.id);
    const token = await mailedToken(ana.email);
    await revokeInvitation(db(), organization.id, ana.id, { userId: admin.userId });
    expect((await lookUpInvitation(db(), token)).state).toBe("revoked");
    expect(await statusOf(organization.id, ana.id)).toBe("not_invited");
    expect((await auditActions(organization.id)).map((a) => a.action)).toEqual([
      "invitation.sent",
      "invitation.revoked",
    ]);
    await expect(revokeInvitation(db(), organization.id, ana.id, { userId: admin.userId })).rejects.toBeInstanceOf(
      UserFacingError,
    );
    const accept = await acceptInvitation(db(), token, null);
    expect(accept).toEqual({ ok: false, reason: "revoked" });
  });

  it("does not reach another district's staff", async () => {
    const { organization, send } = await district();
    const ana = await makeStaff(organization.id);
    await send(ana.id);
    const other = await makeOrganization();
    await expect(revokeInvitation(db(), other.organization.id, ana.id, { userId: other.admin.userId })).rejects.toThrow(
      "no open invitation",
    );
    expect(await statusOf(organization.id, ana.id)).toBe("invited");
  });
});

describe("acceptInvitation", () => {
  it("creates the user, links the staff record, marks the link used, starts a session and audits", async () => {
    const { organization, send } = await district();
    const ana = await makeStaff(organization.id);
    await send(ana.id);
    expect(await emailMaySignIn(db(), ana.email)).toBe(false);
    const token = await mailedToken(ana.email);

    const result = await acceptInvitation(db(), token, null);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.staffId).toBe(ana.id);
    expect(result.session?.expires.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const [membership] = await db().select().from(memberships).where(eq(memberships.staffId, ana.id));
    expect(membership).toMatchObject({ organizationId: organization.id, userId: result.userId, role: "staff" });
    const [session] = await db().select().from(sessions).where(eq(sessions.userId, result.userId));
    expect(session?.sessionToken).toBe(result.session?.sessionToken);
    const [invitation] = await db().select().from(invitations).where(eq(invitations.staffId, ana.id));
    expect(invitation?.acceptedUserId).toBe(result.userId);
    expect(invitation?.acceptedAt).not.toBeNull();
    expect(await statusOf(organization.id, ana.id)).toBe("active");
    expect(await emailMaySignIn(db(), ana.email)).toBe(true);
    expect(await countStaffNotInvited(db(), organization.id)).toBe(0);
    expect((await auditActions(organization.id)).map((a) => a.action)).toEqual([
      "invitation.sent",
      "invitation.accepted",
    ]);

    // The link works once.
    expect(await acceptInvitation(db(), token, null)).toEqual({ ok: false, reason: "used" });
    expect((await auditActions(organization.id)).at(-1)).toMatchObject({
      action: "invitation.accept_failed",
      details: expect.objectContaining({ reason: "used" }),
    });
  });

  it("refuses an expired link and changes nothing but the audit", async () => {
    const { organization, send } = await district();
    const ana = await makeStaff(organization.id);
    await send(ana.id);
    const token = await mailedToken(ana.email);
    await db()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.staffId, ana.id));
    expect(await acceptInvitation(db(), token, null)).toEqual({ ok: false, reason: "expired" });
    expect(await db().select().from(memberships).where(eq(memberships.staffId, ana.id))).toEqual([]);
    expect(await statusOf(organization.id, ana.id)).toBe("expired");
    expect((await auditActions(organization.id)).at(-1)?.details).toMatchObject({ reason: "expired" });
  });

  it("refuses someone signed in with another email, and says so", async () => {
    const { organization, admin, send } = await district();
    const ana = await makeStaff(organization.id);
    await send(ana.id);
    const token = await mailedToken(ana.email);
    expect(await acceptInvitation(db(), token, { id: admin.userId, email: admin.email })).toEqual({
      ok: false,
      reason: "other_email",
    });
    expect((await lookUpInvitation(db(), token)).state).toBe("open");
    expect((await auditActions(organization.id)).at(-1)).toMatchObject({
      action: "invitation.accept_failed",
      details: expect.objectContaining({ reason: "other_email" }),
    });
  });

  it("keeps the session of the same person already signed in, and accepts an existing user", async () => {
    const { organization, send } = await district();
    const first = await makeOrganization();
    const teacher = await makeAcceptedStaff(first.organization.id); // a user already, in another district
    const record = await makeStaff(organization.id, { email: teacher.user.email });
    await send(record.id);
    const result = await acceptInvitation(db(), await mailedToken(record.email), teacher.user);
    expect(result).toMatchObject({ ok: true, userId: teacher.user.id, session: null });
  });

  it("refuses unknown, malformed, deactivated and re-addressed links alike as invalid", async () => {
    const { organization, send } = await district();
    expect(await acceptInvitation(db(), "x".repeat(43), null)).toEqual({ ok: false, reason: "invalid" });
    expect(await acceptInvitation(db(), "../../etc", null)).toEqual({ ok: false, reason: "invalid" });
    const gone = await makeStaff(organization.id);
    await send(gone.id);
    await db().update(staff).set({ active: false }).where(eq(staff.id, gone.id));
    expect(await acceptInvitation(db(), await mailedToken(gone.email), null)).toEqual({ ok: false, reason: "invalid" });
    const moved = await makeStaff(organization.id);
    await send(moved.id);
    const token = await mailedToken(moved.email);
    await db()
      .update(staff)
      .set({ email: `new-${moved.email}` })
      .where(eq(staff.id, moved.id));
    expect(await acceptInvitation(db(), token, null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("lets exactly one of two accepts racing on one link win", async () => {
    // On PostgreSQL the two run on two connections at once; both read the link as open before
    // either commits, and the atomic claim decides (the loser's audit row says lostRace).
    const { organization, send } = await district();
    let races = 0;
    for (let round = 0; round < 5; round += 1) {
      const ana = await makeStaff(organization.id);
      await send(ana.id);
      const token = await mailedToken(ana.email);
      const results = await Promise.all([acceptInvitation(db(), token, null), acceptInvitation(db(), token, null)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "used" }]);
      expect(await db().select().from(memberships).where(eq(memberships.staffId, ana.id))).toHaveLength(1);
      const winner = results.find((r) => r.ok);
      const userSessions = await db()
        .select()
        .from(sessions)
        .where(eq(sessions.userId, winner?.ok ? winner.userId : ""));
      expect(userSessions).toHaveLength(1);
      const failure = (await auditActions(organization.id)).at(-1);
      expect(failure).toMatchObject({ action: "invitation.accept_failed", targetId: String(ana.id) });
      if ((failure?.details as { lostRace?: boolean }).lostRace) races += 1;
    }
    expect(races).toBeGreaterThan(0);
  });
});

describe("the Staff list", () => {
  it("counts and filters by status", async () => {
    const { organization, send } = await district();
    const invited = await makeStaff(organization.id, { lastName: "B" });
    await makeStaff(organization.id, { lastName: "A" });
    await makeStaff(organization.id, { lastName: "C", active: false });
    await makeAcceptedStaff(organization.id);
    await send(invited.id);
    const all = await listStaffInvitations(db(), organization.id);
    expect(all.counts).toEqual({ not_invited: 1, invited: 1, expired: 0, send_failed: 0, active: 1, deactivated: 1 });
    expect(all.total).toBe(4);
    const onlyInvited = await listStaffInvitations(db(), organization.id, { status: "invited" });
    expect(onlyInvited.rows.map((r) => r.id)).toEqual([invited.id]);
    expect(onlyInvited.total).toBe(1);
    expect(await countStaffNotInvited(db(), organization.id)).toBe(1);

    // An expired invitation needs a new one too: the dashboard's count and "Needs an invitation".
    await db()
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.staffId, invited.id));
    expect(await countStaffNotInvited(db(), organization.id)).toBe(2);
    const needing = await listStaffInvitations(db(), organization.id, { status: "needs_invitation" });
    expect(needing.rows.map((r) => r.status).sort()).toEqual(["expired", "not_invited"]);
    expect(needing.total).toBe(2);
    expect((await listStaffNeedingInvitation(db(), organization.id)).sort()).toEqual(
      needing.rows.map((r) => r.id).sort(),
    );
  });

  it("filters by school (the schools of active classes), lists each person's schools, and pages", async () => {
    const { organization, send } = await district();
    const t = (name: string) => `${name}-${organization.slug}@district.test`;
    const file = combinedCsv([
      { school: "N1", classId: "N1-A", studentId: "1", teacherEmail: t("ana") },
      { school: "N1", classId: "N1-B", studentId: "2", teacherEmail: t("ben") },
      { school: "S2", classId: "S2-A", studentId: "3", teacherEmail: t("ben") },
      { school: "S2", classId: "S2-B", studentId: "4", teacherEmail: t("cy") },
    ]);
    expect((await importBytes(organization.id, file)).status).toBe("applied");
    const schools = await listSchoolFilterOptions(db(), organization.id);
    expect(schools.map((s) => s.label)).toEqual(["N1", "S2"]);
    const s2 = schools[1]?.id;
    const all = await listStaffInvitations(db(), organization.id);
    expect(all.rows.map((r) => [r.email, r.schools, r.status])).toEqual(
      [
        [t("ana"), ["N1"], "not_invited"],
        [t("ben"), ["N1", "S2"], "not_invited"],
        [t("cy"), ["S2"], "not_invited"],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const inS2 = await listStaffInvitations(db(), organization.id, { schoolId: s2 });
    expect(inS2.rows.map((r) => r.email).sort()).toEqual([t("ben"), t("cy")]);
    expect(await listStaffNeedingInvitation(db(), organization.id, s2)).toHaveLength(2);
    const ben = inS2.rows.find((r) => r.email === t("ben"));
    await send(ben?.id ?? 0);
    expect(await listStaffNeedingInvitation(db(), organization.id, s2)).toHaveLength(1);
    const page2 = await listStaffInvitations(db(), organization.id, { pageSize: 2, page: 2 });
    expect(page2.rows).toHaveLength(1);
    expect(page2.total).toBe(3);

    // Named schools read "Name (id)" in the menus (by name) and the staff's schools column.
    await renameSchool(db(), organization.id, s2 ?? 0, "Alder Elementary");
    const named = await listSchoolFilterOptions(db(), organization.id);
    expect(named.map((s) => s.label)).toEqual(["Alder Elementary (S2)", "N1"]);
    expect((await getClassFilterOptions(db(), organization.id)).schools).toEqual(named);
    const ben2 = (await listStaffInvitations(db(), organization.id)).rows.find((r) => r.email === t("ben"));
    expect(ben2?.schools).toEqual(["Alder Elementary (S2)", "N1"]);
  });

  it("is the one staff list: it searches like the roster, counts classes, and 'everyone not invited' keeps to the search", async () => {
    const { organization } = await district();
    const t = (name: string) => `${name}-${organization.slug}@district.test`;
    const file = combinedCsv([
      { school: "N1", classId: "N1-A", studentId: "1", teacherEmail: t("ana") },
      { school: "N1", classId: "N1-B", studentId: "2", teacherEmail: t("ana") },
      { school: "S2", classId: "S2-A", studentId: "3", teacherEmail: t("ben") },
    ]);
    expect((await importBytes(organization.id, file)).status).toBe("applied");
    const all = await listStaffInvitations(db(), organization.id);
    expect(all.rows.map((r) => [r.email, r.classes])).toEqual([
      [t("ana"), 2],
      [t("ben"), 1],
    ]);
    const found = await listStaffInvitations(db(), organization.id, { q: "BEN" });
    expect(found.rows.map((r) => r.email)).toEqual([t("ben")]);
    expect(found.total).toBe(1);
    expect(found.counts.not_invited).toBe(1);
    expect(await listStaffNeedingInvitation(db(), organization.id, undefined, "ben")).toEqual([found.rows[0]?.id]);
    expect((await listStaffInvitations(db(), organization.id, { q: "nobody" })).total).toBe(0);
  });
});
