import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema/audit";
import { users } from "@/db/schema/auth";
import { memberships } from "@/db/schema/memberships";
import { organizations } from "@/db/schema/organizations";
import { DEMO_ORGANIZATION, seedDemo } from "@/lib/demo/seed";
import { UserFacingError } from "@/lib/errors";
import { unique } from "@/tests/support/factories";
import { addAdmin } from "./add-admin";
import { createOrganization } from "./create-organization";

describe("createOrganization", () => {
  it("creates the organization, its admin user and membership, and an audit row", async () => {
    const db = await getDb();
    const slug = `north-${unique()}`;
    const { organization, admin } = await createOrganization(db, {
      name: "North ISD",
      slug,
      adminEmail: "  Pat.Admin@North.test ",
    });
    expect(organization).toMatchObject({
      name: "North ISD",
      slug,
      timeZone: "America/Chicago",
      deactivationThresholdPercent: 10,
    });
    expect(admin.email).toBe("pat.admin@north.test");
    const [membership] = await db
      .select({ role: memberships.role, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, organization.id));
    expect(membership).toEqual({ role: "admin", email: "pat.admin@north.test" });
    const audit = await db.select().from(auditLog).where(eq(auditLog.organizationId, organization.id));
    expect(audit.map((a) => a.action)).toEqual(["organization.created"]);
  });

  it("refuses a taken slug and writes nothing", async () => {
    const db = await getDb();
    const slug = `taken-${unique()}`;
    await createOrganization(db, { name: "One", slug, adminEmail: `a-${slug}@x.test` });
    const attempt = createOrganization(db, { name: "Two", slug, adminEmail: `b-${slug}@x.test` });
    await expect(attempt).rejects.toThrow(
      new UserFacingError(`An organization with slug "${slug}" already exists`, "slug_taken"),
    );
    expect(await db.select().from(organizations).where(eq(organizations.slug, slug))).toHaveLength(1);
    expect(
      await db
        .select()
        .from(users)
        .where(eq(users.email, `b-${slug}@x.test`)),
    ).toHaveLength(0);
  });

  it("says which field is wrong", async () => {
    const db = await getDb();
    await expect(createOrganization(db, { name: "X", slug: "Bad Slug!", adminEmail: "a@x.test" })).rejects.toThrow(
      /^slug: A slug is 1–63 lower-case letters/,
    );
    await expect(createOrganization(db, { name: "X", slug: `ok-${unique()}`, adminEmail: "nope" })).rejects.toThrow(
      "adminEmail: Enter a valid email address",
    );
  });

  it("lets one person administer two organizations", async () => {
    const db = await getDb();
    const email = `shared-${unique()}@x.test`;
    const a = await createOrganization(db, { name: "A", slug: `a-${unique()}`, adminEmail: email });
    const b = await createOrganization(db, { name: "B", slug: `b-${unique()}`, adminEmail: email });
    expect(a.admin.userId).toBe(b.admin.userId);
  });
});

describe("addAdmin", () => {
  it("adds an admin once; running it again changes nothing", async () => {
    const db = await getDb();
    const slug = `add-${unique()}`;
    const { organization } = await createOrganization(db, { name: "Add", slug, adminEmail: `first-${slug}@x.test` });
    const first = await addAdmin(db, { slug, email: `Second-${slug}@X.test` });
    const again = await addAdmin(db, { slug, email: `second-${slug}@x.test` });
    expect(first).toMatchObject({ created: true, email: `second-${slug}@x.test`, organizationId: organization.id });
    expect(again.created).toBe(false);
    const admins = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.organizationId, organization.id), eq(memberships.role, "admin")));
    expect(admins).toHaveLength(2);
    const audit = await db.select().from(auditLog).where(eq(auditLog.organizationId, organization.id));
    expect(audit.filter((a) => a.action === "admin.added")).toHaveLength(1);
  });

  it("refuses an unknown organization", async () => {
    await expect(addAdmin(await getDb(), { slug: "no-such-org", email: "a@x.test" })).rejects.toThrow(
      'No organization with slug "no-such-org"',
    );
  });
});

describe("seedDemo", () => {
  it("creates Demo District with admin@demo.test once", async () => {
    const db = await getDb();
    const first = await seedDemo(db);
    const second = await seedDemo(db);
    expect(first.created).toBe(true);
    expect(second).toEqual({ organizationId: first.organizationId, created: false });
    const [org] = await db.select().from(organizations).where(eq(organizations.slug, "demo"));
    expect(org?.name).toBe(DEMO_ORGANIZATION.name);
    const admins = await db
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, first.organizationId));
    expect(admins).toEqual([{ email: "admin@demo.test" }]);
  });
});
