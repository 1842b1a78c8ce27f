import { changesSentence } from "@/lib/import/count-sentences";
import type { ImportCounts } from "@/lib/import/plan-types";

/** "2 rows will be skipped (…) — see issues", linked to the issues further down the page. */
export function SkippedRowsNote({ sentence }: { sentence: string }) {
  return (
    <p className="mt-1" data-testid="skipped-rows">
      {sentence} —{" "}
      <a href="#issues" className="font-medium underline underline-offset-4">
        see issues
      </a>
    </p>
  );
}

/**
 * What Apply would do, next to the button: every change in words and the rows it leaves out,
 * or, when the roster already matches the file, that nothing would change.
 */
export function DecisionSummary({ counts, skipped }: { counts: ImportCounts; skipped: string | null }) {
  const changes = changesSentence(counts);
  const nothing = changes === "nothing changed";
  return (
    <section
      data-testid="decision-summary"
      aria-label="What Apply would do"
      className="mb-4 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-800"
    >
      {nothing ? (
        <p className="font-semibold" data-testid="nothing-would-change">
          Nothing would change: the roster already matches this file. Applying it only records the import.
        </p>
      ) : (
        <p>
          <span className="font-semibold">Applying will make these changes:</span> {changes}.
        </p>
      )}
      {skipped ? <SkippedRowsNote sentence={skipped} /> : null}
    </section>
  );
}
