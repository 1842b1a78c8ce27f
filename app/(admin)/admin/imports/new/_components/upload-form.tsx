"use client";

import { useRouter } from "next/navigation";
import { zipSync } from "fflate";
import { useEffect, useRef, useState } from "react";
import { ColumnMappingStep, type MappingRequest } from "./column-mapping-step";
import { ProgressBar } from "./progress-bar";
import { refuseBeforeUpload } from "@/lib/import/refuse-before-upload";

type Kind = "combined" | "staff" | "students" | "set";
const KINDS: Array<{ value: Kind; label: string; hint: string }> = [
  { value: "combined", label: "Combined", hint: "One row per student per class: classes, teachers and students." },
  { value: "staff", label: "Staff", hint: "One row per staff member per school." },
  { value: "students", label: "Students", hint: "One row per student per school." },
  {
    value: "set",
    label: "OneRoster / Clever / SDS set",
    hint: "A .zip of the set's CSV files, or all its CSV files chosen at once. The format is recognised from the file names.",
  },
];

/** Several CSV files chosen at once travel as one .zip (a set), read on the server like any .zip. */
async function asOneFile(files: File[]): Promise<File> {
  if (files.length === 1) return files[0]!;
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[file.name] = new Uint8Array(await file.arrayBuffer());
  return new File([zipSync(entries, { level: 1 })], "roster-set.zip", { type: "application/zip" });
}

type Phase = "uploading" | "waiting" | "reading" | "planning" | "saving" | "applying";
type State =
  | { step: "choose"; error?: string }
  | { step: "working"; phase: Phase; fraction: number }
  | { step: "mapping"; request: MappingRequest };

const PHASE_LABELS: Record<Phase, string> = {
  uploading: "Uploading",
  waiting: "Waiting for other imports to finish",
  reading: "Reading and checking rows",
  planning: "Comparing with your roster",
  saving: "Saving the preview",
  applying: "Applying",
};

/** Share of the whole bar for each phase: [start, end]. */
const PHASE_SPAN: Record<Phase, [number, number]> = {
  uploading: [0, 0.35],
  waiting: [0.35, 0.35],
  reading: [0.35, 0.85],
  planning: [0.85, 0.95],
  saving: [0.95, 1],
  applying: [0.95, 1],
};

export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>("combined");
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: "choose" });
  const [dragging, setDragging] = useState(false);
  const request = useRef<XMLHttpRequest | null>(null);

  useEffect(() => () => request.current?.abort(), []);

  async function pick(files: FileList | null) {
    const list = Array.from(files ?? []);
    if (list.length > 1) setKind("set");
    // Refused here, before anything is sent: an empty or too large file can only fail. Several
    // files are checked for emptiness one by one, and for size once zipped together.
    const empty = refuseBeforeUpload(list, Infinity);
    const chosen = empty === null && list.length > 0 ? await asOneFile(list) : null;
    const refused = empty ?? (chosen ? refuseBeforeUpload([chosen], maxBytes) : null);
    if (refused) {
      setFile(null);
      setState({ step: "choose", error: refused });
      return;
    }
    setFile(chosen);
    setState({ step: "choose" });
  }

  function send(mapping?: { columns: Record<string, string>; save: boolean }) {
    if (!file) {
      setState({ step: "choose", error: "Choose a file first." });
      return;
    }
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    let seen = 0;
    let finished = false;
    const handleLine = (line: string) => {
      if (!line.trim()) return;
      const message = JSON.parse(line) as
        | { type: "progress"; phase: Phase; fraction?: number }
        | { type: "done"; id: string }
        | ({ type: "mapping" } & MappingRequest)
        | { type: "error"; message: string };
      if (message.type === "progress")
        setState({ step: "working", phase: message.phase, fraction: message.fraction ?? 0 });
      else if (message.type === "done") {
        finished = true;
        router.push(`/admin/imports/${message.id}`);
      } else if (message.type === "mapping") {
        finished = true;
        setState({ step: "mapping", request: message });
      } else {
        finished = true;
        setState({ step: "choose", error: message.message });
      }
    };
    const readLines = (final: boolean) => {
      const text = xhr.responseText;
      const end = final ? text.length : text.lastIndexOf("\n") + 1;
      if (end <= seen) return;
      const chunk = text.slice(seen, end);
      seen = end;
      chunk.split("\n").forEach(handleLine);
    };
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable)
        setState({ step: "working", phase: "uploading", fraction: event.loaded / event.total });
    };
    xhr.upload.onload = () => setState({ step: "working", phase: "reading", fraction: 0 });
    xhr.onprogress = () => {
      if (xhr.status === 200) readLines(false);
    };
    xhr.onload = () => {
      if (xhr.status !== 200) {
        let message = `The upload failed (HTTP ${xhr.status}).`;
        try {
          message = (JSON.parse(xhr.responseText) as { error: { message: string } }).error.message;
        } catch {}
        setState({ step: "choose", error: message });
        return;
      }
      readLines(true);
      if (!finished) setState({ step: "choose", error: "The upload ended early. Try again; nothing was changed." });
    };
    xhr.onerror = () =>
      setState({ step: "choose", error: "The connection was lost during the upload. Try again; nothing was changed." });
    const query = new URLSearchParams({ kind, name: file.name });
    xhr.open("POST", `/admin/imports/upload?${query}`);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    if (mapping) {
      xhr.setRequestHeader("x-column-mapping", encodeURIComponent(JSON.stringify(mapping.columns)));
      if (mapping.save) xhr.setRequestHeader("x-save-mapping", "1");
    }
    setState({ step: "working", phase: "uploading", fraction: 0 });
    xhr.send(file);
  }

  if (state.step === "mapping") {
    return (
      <ColumnMappingStep
        request={state.request}
        fileName={file?.name ?? ""}
        onCancel={() => setState({ step: "choose" })}
        onSubmit={(columns, save) => send({ columns, save })}
      />
    );
  }

  const working = state.step === "working";
  const overall = working
    ? PHASE_SPAN[state.phase][0] +
      (PHASE_SPAN[state.phase][1] - PHASE_SPAN[state.phase][0]) * Math.min(1, state.fraction)
    : 0;

  return (
    <form
      className="space-y-6 rounded-lg border border-slate-200 bg-white p-6"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <fieldset disabled={working}>
        <legend className="text-sm font-semibold text-slate-900">Kind of file</legend>
        <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {KINDS.map((option) => (
            <label
              key={option.value}
              className={`cursor-pointer rounded-md border p-3 text-sm ${kind === option.value ? "border-indigo-500 ring-1 ring-indigo-500" : "border-slate-300"}`}
            >
              <input
                type="radio"
                name="kind"
                value={option.value}
                checked={kind === option.value}
                onChange={() => setKind(option.value)}
                className="mr-2"
              />
              <span className="font-medium">{option.label}</span>
              <span className="mt-1 block text-slate-600">{option.hint}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          if (!working) void pick(event.dataTransfer.files);
        }}
        className={`rounded-lg border-2 border-dashed p-8 text-center ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}
      >
        <p className="text-sm text-slate-700">Drop the file (or all the files of a set) here, or</p>
        <label className="mt-2 inline-block cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Choose a file
          <input
            type="file"
            name="file"
            multiple
            accept=".csv,.tsv,.txt,.xls,.xlsx,.zip,application/zip,text/csv,text/tab-separated-values,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="sr-only"
            disabled={working}
            onChange={(event) => void pick(event.target.files)}
          />
        </label>
        <p className="mt-3 text-sm text-slate-600" data-testid="chosen-file">
          {file
            ? `${file.name} (${(file.size / 1024).toFixed(0)} KB)`
            : "CSV, TSV, TXT, XLS, XLSX or a .zip set, up to " + maxBytes / 1_048_576 + " MB"}
        </p>
      </div>

      {/* Always in the page, so a screen reader announces each step as it changes (not each percent). */}
      <p role="status" aria-live="polite" className="sr-only" data-testid="progress-announcement">
        {working ? PHASE_LABELS[state.phase] : ""}
      </p>
      {working ? (
        <ProgressBar
          value={overall}
          label={`${PHASE_LABELS[state.phase]}${state.phase === "uploading" || state.phase === "reading" ? ` ${Math.round(state.fraction * 100)} %` : "…"}`}
        />
      ) : null}
      {state.step === "choose" && state.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}

      <button
        type="submit"
        disabled={working || !file}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60"
      >
        {working ? "Working…" : "Upload and preview"}
      </button>
    </form>
  );
}
