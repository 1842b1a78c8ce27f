import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeAcceptedStaff, makeOrganization } from "@/tests/support/factories";

// The guards with the real membership queries; Auth.js's session and Next's redirect/notFound
// are stood in for, so each case shows which answer a page would give.
let session: { user: { id: string; email: string } } | null = null;
vi.mock("./auth", () => ({ auth: async () => session }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
  notFound: () => {
    throw new Error("notFound");
  },
}));

const { requireAdmin, requireStaff, homePathFor } = await import("./guards");

beforeEach(() => {
  session = null;
});

describe("requireAdmin", () => {
  it("sends a signed-out visitor to the sign-in page", async () => {
    await expect(requireAdmin()).rejects.toThrow("redirect:/sign-in");
  });

  it("answers 404 to a signed-in teacher", async () => {
    const { organization } = await makeOrganization();
    const teacher = await makeAcceptedStaff(organization.id);
    session = { user: { id: teacher.user.id, email: teacher.user.email } };
    await expect(requireAdmin()).rejects.toThrow("notFound");
  });

  it("gives an admin their organization from the membership", async () => {
    const { organization, admin } = await makeOrganization({ name: "Guarded ISD" });
    session = { user: { id: admin.userId, email: admin.email } };
    await expect(requireAdmin()).resolves.toEqual({
      user: { id: admin.userId, email: admin.email },
      organization: { id: organization.id, name: "Guarded ISD", slug: organization.slug, timeZone: "America/Chicago" },
    });
  });
});

describe("requireStaff", () => {
  it("sends a signed-out visitor to sign in and answers 404 to an admin", async () => {
    await expect(requireStaff()).rejects.toThrow("redirect:/sign-in");
    const { admin } = await makeOrganization();
    session = { user: { id: admin.userId, email: admin.email } };
    await expect(requireStaff()).rejects.toThrow("notFound");
  });

  it("lets an active teacher in with their staff record, and not once deactivated", async () => {
    const { organization } = await makeOrganization();
    const teacher = await makeAcceptedStaff(organization.id);
    session = { user: { id: teacher.user.id, email: teacher.user.email } };
    await expect(requireStaff()).resolves.toMatchObject({
      organization: { id: organization.id },
      staffId: teacher.staff.id,
    });
    const gone = await makeAcceptedStaff(organization.id, { active: false });
    session = { user: { id: gone.user.id, email: gone.user.email } };
    await expect(requireStaff()).rejects.toThrow("notFound");
  });
});

describe("homePathFor", () => {
  it("sends admins to the dashboard, teachers to My classes, others nowhere", async () => {
    const { organization, admin } = await makeOrganization();
    const teacher = await makeAcceptedStaff(organization.id);
    const gone = await makeAcceptedStaff(organization.id, { active: false });
    expect(await homePathFor({ id: admin.userId, email: admin.email })).toBe("/admin");
    expect(await homePathFor({ id: teacher.user.id, email: teacher.user.email })).toBe("/my-classes");
    expect(await homePathFor({ id: gone.user.id, email: gone.user.email })).toBeNull();
  });
});
