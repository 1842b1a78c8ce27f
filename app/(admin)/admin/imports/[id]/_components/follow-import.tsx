"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While an import is queued or running, reloads the page's data every `everyMs` so it shows where
 * the import is and, when it is done, its outcome. Closing the page changes nothing: the import
 * goes on in a worker.
 */
export function FollowImport({ everyMs = 1_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
