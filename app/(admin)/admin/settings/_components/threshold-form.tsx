"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { saveThresholdAction, type FormState } from "../actions";

/** The hold threshold: imports that would remove more than this share of any type wait for review. */
export function ThresholdForm({ current, max }: { current: number; max: number }) {
  const [state, action] = useActionState<FormState, FormData>(saveThresholdAction, {});
  return (
    <div>
      <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Hold threshold">
        <label className="block text-sm font-medium text-slate-700">
          Hold an import that would remove more than
          <span className="mt-1 flex items-center gap-2">
            <input
              name="percent"
              type="number"
              inputMode="numeric"
              min={0}
              max={max}
              step={1}
              required
              defaultValue={state.values?.percent ?? current}
              aria-describedby="threshold-help"
              className="block w-24 rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm"
            />
            <span className="font-normal text-slate-700">% of the classes, enrollments, students or staff</span>
          </span>
        </label>
        <SubmitButton pendingLabel="Saving…">Save threshold</SubmitButton>
      </form>
      <p id="threshold-help" className="mt-2 text-xs text-slate-500">
        A whole number from 0 to {max}. 0 holds every import that removes anything. Held imports wait on Import Details
        until an admin applies or discards them.
      </p>
      <FormAlert error={state.error} message={state.message} className="mt-3" />
    </div>
  );
}
