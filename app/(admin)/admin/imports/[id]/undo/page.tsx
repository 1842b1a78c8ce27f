import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { UserFacingError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { changesSentence } from "@/lib/import/count-sentences";
import { previewUndo, type UndoPreview } from "@/lib/import/undo-import";
import { UndoButton } from "./_components/undo-button";

export const metadata: Metadata = { title: "Undo import" };

const SOURCE_LABELS: Record<string, string> = {
  upload: "upload",
  nightly: "nightly import",
  api: "API import",
  cli: "command-line import",
  undo: "undo",
};

/** The preview of an undo: what it will change, or which later imports stand in the way. */
export default async function UndoImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { organization } = await requireAdmin();
  const { id } = await params;
  let preview: UndoPreview;
  try {
    preview = await previewUndo(await getDb(), organization.id, id);
  } catch (error) {
    if (error instanceof UserFacingError) notFound();
    throw error;
  }
  const { target } = preview;
  const tz = organization.timeZone;
  const what = target.source === "undo" ? "this undo" : "this import";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/admin/imports/${target.id}`} className="text-indigo-700 underline-offset-4 hover:underline">
          ← {target.fileName}
        </Link>
      </p>
      <PageHeader
        title={target.source === "undo" ? `Redo ${target.fileName}` : `Undo ${target.fileName}`}
        description={`Applied ${formatDateTime(target.finishedAt, tz)}. Undoing puts every record it added, changed, deactivated or ended back as it was before it. Invitations and teacher accounts stay as they are.`}
      />
      {preview.blocked ? (
        <p role="alert" className="rounded-md bg-amber-50 p-4 text-sm text-amber-900" data-testid="undo-blocked">
          {preview.blocked}
        </p>
      ) : preview.conflicts.length > 0 ? (
        <section data-testid="undo-conflicts" className="space-y-4">
          <div role="alert" className="rounded-lg border border-orange-300 bg-orange-50 p-4 text-sm text-orange-900">
            <h2 className="font-semibold">Later imports changed the same records</h2>
            <p className="mt-1">
              Undoing {what} now would lose or break their changes, so it is not undone on its own. Undo them first,
              newest first
              {preview.undoFirst.length > preview.conflicts.length
                ? " (with the imports that changed their records in turn)"
                : ""}
              .
            </p>
          </div>
          <ul className="space-y-3 text-sm">
            {preview.conflicts.map((conflict) => (
              <li key={conflict.importId} className="rounded-md border border-slate-200 bg-white p-3">
                <Link href={`/admin/imports/${conflict.importId}`} className="font-medium text-indigo-700 underline">
                  {conflict.fileName}
                </Link>{" "}
                <span className="text-slate-600">
                  ({SOURCE_LABELS[conflict.source] ?? conflict.source}, {formatDateTime(conflict.finishedAt, tz)})
                </span>
                <ul className="mt-1 list-disc pl-5 text-slate-700">
                  {conflict.rows.map((row) => (
                    <li key={row}>{row}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <UndoButton
            importId={target.id}
            withLater
            label={`Undo ${preview.undoFirst.length === 1 ? "that import" : `those ${preview.undoFirst.length} imports`} first, then ${what}`}
            message={`Undo ${preview.undoFirst.length + 1} imports, newest first, then ${what}: ${changesSentence(preview.counts)} for ${what}.`}
          />
        </section>
      ) : (
        <section className="space-y-4">
          <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="undo-preview">
            <h2 className="font-semibold">What the undo will change</h2>
            <p className="mt-1">{changesSentence(preview.counts)}.</p>
          </div>
          <UndoButton
            importId={target.id}
            withLater={false}
            label={target.source === "undo" ? "Redo" : "Undo this import"}
            message={`${capitalize(changesSentence(preview.counts))}.`}
          />
        </section>
      )}
    </>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
