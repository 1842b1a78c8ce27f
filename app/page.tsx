import { redirect } from "next/navigation";
import { getSessionUser, homePathFor } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

/** Sends each person where they belong: admins to the dashboard, teachers to My classes. */
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  redirect((await homePathFor(user)) ?? "/sign-in/error?error=AccessDenied");
}
