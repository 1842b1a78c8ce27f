"use client";

import { useState } from "react";

/** Copies `text` to the clipboard and says so; says how to copy by hand if the browser refuses. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setOutcome("copied"),
            () => setOutcome("failed"),
          )
        }
        className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50"
      >
        {label}
      </button>
      <span role="status" className="text-sm">
        {outcome === "copied" ? "Copied." : outcome === "failed" ? "Select the token and copy it by hand." : ""}
      </span>
    </span>
  );
}
