"use client";

import { useActionState, useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { createSourceAction, type FormState } from "../actions";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm";
const label = "block text-sm font-medium text-slate-700";

/** Add a nightly source: a drop folder below the organization's folder, or an HTTPS URL. */
export function SourceForm({
  timeZone,
  orgFolder,
  timeZones,
}: {
  timeZone: string;
  orgFolder: string | null;
  timeZones: string[];
}) {
  const [state, action] = useActionState<FormState, FormData>(createSourceAction, {});
  const values = state.values ?? {};
  const [type, setType] = useState<"folder" | "url">(
    (values.type as "folder" | "url") ?? (orgFolder ? "folder" : "url"),
  );
  return (
    <form action={action} className="space-y-4" aria-label="Add a nightly source" key={state.message ?? "form"}>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className={label}>
          Name
          <input
            name="name"
            required
            defaultValue={values.name ?? ""}
            placeholder="PowerSchool nightly"
            className={input}
          />
        </label>
        <label className={label}>
          Kind of file
          <select name="kind" defaultValue={values.kind ?? "combined"} className={input}>
            <option value="combined">Combined (classes, students, teachers)</option>
            <option value="staff">Staff</option>
            <option value="students">Students</option>
            <option value="oneroster">OneRoster set (.zip)</option>
            <option value="clever">Clever set (.zip)</option>
            <option value="sds">SDS set (.zip)</option>
          </select>
        </label>
      </div>
      <fieldset>
        <legend className={label}>Where the file comes from</legend>
        <div className="mt-1 flex gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="type"
              value="folder"
              checked={type === "folder"}
              onChange={() => setType("folder")}
            />{" "}
            Drop folder on the server
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="type" value="url" checked={type === "url"} onChange={() => setType("url")} />{" "}
            HTTPS URL
          </label>
        </div>
      </fieldset>
      {type === "folder" ? (
        <div key="folder" className="grid gap-4 sm:grid-cols-2">
          <label className={label}>
            Folder
            <input
              name="folderPath"
              defaultValue={values.folderPath ?? ""}
              placeholder="sis (empty: your organization's folder)"
              className={input}
            />
            <span className="mt-1 block text-xs font-normal text-slate-500">
              {orgFolder ? (
                <>Below {orgFolder}/ — where your SFTP job or SIS script writes.</>
              ) : (
                "Drop folders are not set up on this server (NIGHTLY_DROP_ROOT)."
              )}
            </span>
          </label>
          <label className={label}>
            File name pattern
            <input name="filePattern" defaultValue={values.filePattern ?? "*.csv"} className={input} />
            <span className="mt-1 block text-xs font-normal text-slate-500">
              * and ? wildcards; the newest matching file is taken.
            </span>
          </label>
        </div>
      ) : (
        <div key="url" className="grid gap-4 sm:grid-cols-2">
          <label className={`${label} sm:col-span-2`}>
            URL
            <input
              name="url"
              type="url"
              defaultValue={values.url ?? ""}
              placeholder="https://sis.district.org/export/roster.csv"
              className={input}
            />
          </label>
          <label className={label}>
            Credential header (optional)
            <input
              name="credentialHeaderName"
              defaultValue={values.credentialHeaderName ?? ""}
              placeholder="Authorization"
              className={input}
            />
          </label>
          <label className={label}>
            Credential value
            <input
              name="credentialHeaderValue"
              type="password"
              autoComplete="off"
              placeholder="Bearer …"
              className={input}
            />
            <span className="mt-1 block text-xs font-normal text-slate-500">
              Stored encrypted and never shown again.
            </span>
          </label>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <label className={label}>
          Expected by
          <input
            name="expectedTime"
            type="time"
            required
            defaultValue={values.expectedTime ?? "06:00"}
            className={input}
          />
        </label>
        <label className={label}>
          Time zone
          <input
            name="timeZone"
            required
            list="time-zones"
            defaultValue={values.timeZone ?? timeZone}
            className={input}
          />
          <datalist id="time-zones">
            {timeZones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </label>
        <label className={label}>
          Grace (minutes)
          <input
            name="graceMinutes"
            type="number"
            min={0}
            max={720}
            required
            defaultValue={values.graceMinutes ?? "120"}
            className={input}
          />
        </label>
      </div>
      <FormAlert error={state.error} message={state.message} />
      <SubmitButton pendingLabel="Adding…">Add source</SubmitButton>
    </form>
  );
}
