"use client";

import { useActionState } from "react";
import { ConfirmSubmit } from "@/components/confirm-submit";
import { undoImportAction, type DecisionState } from "../../../actions";

/** Undo (or "undo the later imports first, then this one"), confirmed with what it will change. */
export function UndoButton({
  importId,
  withLater,
  label,
  message,
}: {
  importId: string;
  withLater: boolean;
  label: string;
  message: string;
}) {
  const [state, undo] = useActionState<DecisionState, FormData>(undoImportAction.bind(null, importId, withLater), {});
  return (
    <form action={undo}>
      <ConfirmSubmit label={label} confirmLabel="Yes, undo" message={message} tone="primary" />
      {state.error ? (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
