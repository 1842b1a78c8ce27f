"use client";

import { useState } from "react";
import { useFormStatus } from "react-dom";

const TONES = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
  danger: "bg-red-600 text-white hover:bg-red-500",
  small: "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50",
  /** A small destructive button in a row (Deactivate): red, so it does not read like its neighbours. */
  smallDanger: "rounded border border-red-300 bg-white px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50",
} as const;

/**
 * A destructive submit button that asks first: the first click shows what it will do (`message`,
 * with the counts) and a second button that submits the enclosing form; Cancel goes back.
 * `name`/`value` travel with the confirming click, as on a plain submit button.
 */
export function ConfirmSubmit({
  label,
  confirmLabel,
  message,
  tone = "secondary",
  name,
  value,
  ariaLabel,
  disabled = false,
}: {
  label: string;
  confirmLabel: string;
  message: string;
  tone?: keyof typeof TONES;
  name?: string;
  value?: string;
  ariaLabel?: string;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const { pending } = useFormStatus();
  const base =
    tone === "small" || tone === "smallDanger"
      ? TONES[tone]
      : `rounded-md px-4 py-2 text-sm font-semibold shadow-sm ${TONES[tone]}`;
  if (!asking) {
    return (
      <button
        type="button"
        onClick={() => setAsking(true)}
        disabled={disabled || pending}
        aria-label={ariaLabel}
        className={`${base} disabled:opacity-60`}
      >
        {label}
      </button>
    );
  }
  return (
    <span
      role="alertdialog"
      aria-label={label}
      className="inline-flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-900"
    >
      <span data-testid="confirm-message">{message}</span>
      <button
        type="submit"
        name={name}
        value={value}
        disabled={disabled || pending}
        className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-red-500 disabled:opacity-60"
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        onClick={() => setAsking(false)}
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
      >
        Cancel
      </button>
    </span>
  );
}
