"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { ConfirmSubmit } from "@/components/confirm-submit";
import { applyImportAction, discardImportAction, type DecisionState } from "../../actions";
import { ProgressBar } from "../../new/_components/progress-bar";

function Working({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return pending ? (
    <div className="mt-3">
      <ProgressBar value={0.95} label={label} />
    </div>
  ) : null;
}

/** Disabled while either decision runs: an Apply and a Discard of one import never race from one page. */
function Button({ children, tone, busy }: { children: React.ReactNode; tone: "primary" | "secondary"; busy: boolean }) {
  const { pending } = useFormStatus();
  const style =
    tone === "primary"
      ? "bg-indigo-600 text-white hover:bg-indigo-500"
      : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50";
  return (
    <button
      type="submit"
      disabled={pending || busy}
      className={`rounded-md px-4 py-2 text-sm font-semibold shadow-sm disabled:opacity-60 ${style}`}
    >
      {children}
    </button>
  );
}

/**
 * Apply / Discard for a preview or a held import; applying shows progress until the result page.
 * On a held import Discard is the main button, and "Apply anyway" first states what it takes
 * away (`takesAway`, e.g. "End 677 of 717 enrollments, deactivate 10 classes") and needs a second click.
 */
export function DecisionButtons({ importId, held, takesAway }: { importId: string; held: boolean; takesAway: string }) {
  const [applyState, apply, applying] = useActionState<DecisionState, FormData>(
    applyImportAction.bind(null, importId),
    {},
  );
  const [discardState, discard, discarding] = useActionState<DecisionState, FormData>(
    discardImportAction.bind(null, importId),
    {},
  );
  const busy = applying || discarding;
  const error = applyState.error ?? discardState.error;
  const discardForm = (
    <form action={discard}>
      <Button tone={held ? "primary" : "secondary"} busy={busy}>
        Discard
      </Button>
    </form>
  );
  return (
    <div>
      <div className="flex flex-wrap items-start gap-3">
        {held ? discardForm : null}
        <form action={apply}>
          {held ? (
            <ConfirmSubmit
              label="Apply anyway"
              confirmLabel="Yes, apply"
              message={`${takesAway || "Apply the held change"}. This can be undone afterwards from this page.`}
              disabled={busy}
            />
          ) : (
            <Button tone="primary" busy={busy}>
              Apply
            </Button>
          )}
          <Working label="Applying the changes in one transaction…" />
        </form>
        {held ? null : discardForm}
      </div>
      {error ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
