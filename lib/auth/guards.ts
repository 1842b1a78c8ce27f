import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { listUsableMemberships, type MembershipContext } from "@/db/queries/memberships";
import { auth } from "./auth";

export type SessionUser = { id: string; email: string };

export type AdminContext = {
  user: SessionUser;
  organization: { id: string; name: string; slug: string; timeZone: string };
};

export type StaffContext = AdminContext & { staffId: number };

/** The signed-in user, or null. One lookup per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const email = session?.user?.email;
  return id && email ? { id, email } : null;
});

/** The memberships that let the signed-in user in, oldest first. One lookup per request. */
export const getUsableMemberships = cache(async (userId: string): Promise<MembershipContext[]> => {
  return listUsableMemberships(await getDb(), userId);
});

function toContext(user: SessionUser, m: MembershipContext): AdminContext {
  return {
    user,
    organization: { id: m.organizationId, name: m.organizationName, slug: m.organizationSlug, timeZone: m.timeZone },
  };
}

/**
 * For every admin page, action and route: the signed-in admin and their organization, which
 * comes from the session's membership, never from the request. Signed out → sign-in page;
 * signed in without the admin role → 404.
 */
export async function requireAdmin(): Promise<AdminContext> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const membership = (await getUsableMemberships(user.id)).find((m) => m.role === "admin");
  if (!membership) notFound();
  return toContext(user, membership);
}

/**
 * For admin route handlers (uploads, downloads): the same check as requireAdmin, answered the
 * way an HTTP client expects — 401 when signed out, 404 without the admin role.
 */
export async function requireAdminForRoute(): Promise<AdminContext | Response> {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: { code: "unauthorized", message: "Sign in first." } }, { status: 401 });
  const membership = (await getUsableMemberships(user.id)).find((m) => m.role === "admin");
  if (!membership) return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  return toContext(user, membership);
}

/** For staff pages: the signed-in, active staff member. Signed out → sign-in; otherwise → 404. */
export async function requireStaff(): Promise<StaffContext> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const membership = (await getUsableMemberships(user.id)).find((m) => m.role === "staff");
  if (membership?.staffId == null) notFound();
  return { ...toContext(user, membership), staffId: membership.staffId };
}

/** Where a signed-in user belongs: admin dashboard, My classes, or nowhere (null). */
export async function homePathFor(user: SessionUser): Promise<string | null> {
  const memberships = await getUsableMemberships(user.id);
  if (memberships.some((m) => m.role === "admin")) return "/admin";
  if (memberships.some((m) => m.role === "staff")) return "/my-classes";
  return null;
}
