"use client";

import "./globals.css";

// When even the root layout fails: a whole page of its own (it replaces the root layout).
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
          <h1 className="text-2xl font-semibold">RosterSync could not load this page</h1>
          <p className="text-slate-600">
            Something went wrong on our side. Try again in a moment
            {error.digest ? (
              <>
                {" "}
                (reference <span className="font-mono">{error.digest}</span>)
              </>
            ) : null}
            .
          </p>
          <button
            type="button"
            onClick={reset}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
