"use client";

import { useState } from "react";

export type MappingRequest = {
  message: string;
  headers: string[];
  samples: string[][];
  guess: Record<string, string | undefined>;
  fields: Array<{ field: string; label: string; required: boolean }>;
  sheetName: string | null;
};

/**
 * The file's required columns could not be matched: the admin picks a column for each field,
 * seeing the first values under each header, and may save the choice for later imports.
 */
export function ColumnMappingStep({
  request,
  fileName,
  onSubmit,
  onCancel,
}: {
  request: MappingRequest;
  fileName: string;
  onSubmit: (columns: Record<string, string>, save: boolean) => void;
  onCancel: () => void;
}) {
  const [columns, setColumns] = useState<Record<string, string>>(() => {
    const initial: Record<string, string> = {};
    for (const { field } of request.fields) if (request.guess[field]) initial[field] = request.guess[field];
    return initial;
  });
  const [save, setSave] = useState(true);
  const headers = request.headers.filter((header) => header.trim() !== "");
  const missing = request.fields.filter((f) => f.required && !columns[f.field]);

  return (
    <form
      className="space-y-6 rounded-lg border border-slate-200 bg-white p-6"
      onSubmit={(event) => {
        event.preventDefault();
        if (missing.length === 0) onSubmit(columns, save);
      }}
    >
      <div>
        <h2 className="text-lg font-semibold text-slate-900">Match the columns of {fileName}</h2>
        <p className="mt-1 text-sm text-slate-700" role="status">
          {request.message}
        </p>
        <p className="mt-1 text-sm text-slate-600">
          Choose which column holds each field. Nothing has been imported yet.
        </p>
      </div>

      <div
        role="region"
        aria-label="The file's first rows"
        tabIndex={0}
        className="relative overflow-x-auto rounded-md border border-slate-200"
      >
        <table className="min-w-full text-sm" aria-label="First rows of the file">
          <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
            <tr>
              {headers.map((header) => (
                <th key={header} className="px-3 py-2 whitespace-nowrap">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {request.samples.map((row, index) => (
              <tr key={index} className="border-t border-slate-100">
                {headers.map((header) => (
                  <td key={header} className="px-3 py-1.5 whitespace-nowrap text-slate-700">
                    {row[request.headers.indexOf(header)] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        {request.fields.map(({ field, label, required }) => (
          <div key={field} className="text-sm text-slate-700">
            {/* The visible label is the select's name; "required" is the select's own state, so a
                screen reader says it too (the star is for the eye). */}
            <label htmlFor={`column-${field}`} className="font-medium">
              {label.charAt(0).toUpperCase() + label.slice(1)}
            </label>
            {required ? (
              <span aria-hidden className="text-red-700">
                {" "}
                *
              </span>
            ) : (
              <span className="text-slate-500"> (optional)</span>
            )}
            <select
              id={`column-${field}`}
              name={field}
              required={required}
              value={columns[field] ?? ""}
              onChange={(event) => setColumns((current) => ({ ...current, [field]: event.target.value }))}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5"
            >
              <option value="">{required ? "— choose a column —" : "— none —"}</option>
              {headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>

      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={save} onChange={(event) => setSave(event.target.checked)} />
        Save this mapping for next time (uploads, nightly and API imports of this kind)
      </label>

      {missing.length > 0 ? (
        <p className="text-sm text-slate-600">Still to choose: {missing.map((f) => f.label).join(", ")}.</p>
      ) : null}
      <div className="flex gap-3">
        <button
          type="submit"
          disabled={missing.length > 0}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60"
        >
          Continue with these columns
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Choose another file
        </button>
      </div>
    </form>
  );
}
