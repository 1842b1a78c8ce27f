"use client";

import { useEffect, useState } from "react";

/** A determinate bar with its label and the seconds elapsed, so a long step never looks frozen. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const percent = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div>
      <div className="flex justify-between text-sm text-slate-700">
        <span data-testid="progress-label">{label}</span>
        <span className="tabular-nums text-slate-500">{Math.floor((now - started) / 1000)} s</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full rounded-full bg-indigo-600 transition-[width] duration-300"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
