"use client";

import Link from "next/link";

/**
 * What a page shows when it fails (its error.tsx): what happened in plain words, the reference the
 * server logged it under (Next's digest), a way to try again and a way home. Never the error's own
 * message: in production Next hides it, and it may hold anything.
 */
export function PageError({
  error,
  reset,
  home,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  home: { href: string; label: string };
}) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-red-200 bg-red-50 p-6 text-sm text-red-900">
      <h1 className="text-base font-semibold">This page could not be shown</h1>
      <p className="mt-2">
        Something went wrong on our side; nothing you did caused it. Try again in a moment. If it keeps happening, tell
        the person who runs RosterSync for your district
        {error.digest ? (
          <>
            {" "}
            and give them the reference <span className="font-mono">{error.digest}</span>
          </>
        ) : null}
        .
      </p>
      <div className="mt-4 flex gap-4">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-red-700 px-3 py-1.5 font-semibold text-white hover:bg-red-600"
        >
          Try again
        </button>
        <Link href={home.href} className="py-1.5 font-medium text-red-900 underline underline-offset-4">
          {home.label}
        </Link>
      </div>
    </div>
  );
}

/** What a page shows while its data loads (its loading.tsx). */
export function PageLoading({ label }: { label: string }) {
  return (
    <div aria-busy="true" aria-label={label} className="animate-pulse space-y-4">
      <div className="h-7 w-48 rounded bg-slate-200" />
      <div className="h-4 w-80 rounded bg-slate-100" />
      <div className="h-64 rounded-lg bg-slate-100" />
    </div>
  );
}
