"use client";

import { PageError } from "@/components/page-error";

// Any admin page that fails (a database that does not answer, a Delete or Revoke that failed)
// shows this inside the admin layout, which keeps its navigation.
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError error={error} reset={reset} home={{ href: "/admin", label: "Back to the dashboard" }} />;
}
