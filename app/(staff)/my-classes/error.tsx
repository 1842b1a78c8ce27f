"use client";

import { PageError } from "@/components/page-error";

export default function MyClassesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError error={error} reset={reset} home={{ href: "/my-classes", label: "Back to My classes" }} />;
}
