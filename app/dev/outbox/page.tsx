import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { devOutboxEnabled } from "@/lib/env";
import { listOutbox } from "@/lib/mail/outbox";

export const metadata: Metadata = { title: "Dev outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/**
 * Mail the dev transport kept, newest first, with its links. Exists only under `next dev` or
 * in test runs that set ROSTERSYNC_ENABLE_DEV_OUTBOX=1; a 404 everywhere else.
 */
export default async function DevOutboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!devOutboxEnabled()) notFound();
  const { to } = await searchParams;
  const messages = await listOutbox({ ...(to ? { to } : {}), limit: 50 });
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Dev outbox</h1>
      <p className="mt-1 text-sm text-slate-600">
        Mail is kept here because RESEND_API_KEY is not set. This page does not exist in production.
      </p>
      {messages.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">No mail yet.</p>
      ) : (
        <ol className="mt-6 space-y-4">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="outbox-message">
              <p className="text-xs text-slate-500">
                {m.createdAt.toISOString()} · {m.category}
              </p>
              <p className="mt-1 text-sm">
                To: <span data-testid="outbox-to">{m.to}</span>
              </p>
              <p className="text-sm font-medium">{m.subject}</p>
              <pre className="mt-2 text-xs break-all whitespace-pre-wrap text-slate-700">{m.text}</pre>
              {m.links.map((link) => (
                <a
                  key={link}
                  href={link}
                  className="mt-2 block text-sm break-all text-indigo-700 underline"
                  data-testid="outbox-link"
                >
                  {link}
                </a>
              ))}
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
