"use client";

import { useActionState, useState } from "react";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { NOT_ENABLED, type SourceCapabilities } from "@/lib/sources/source-capabilities";
import type { TimeZoneOption } from "@/lib/time-zones";
import { createSourceAction, type FormState } from "../actions";
import { TimeZoneSelect } from "./time-zone-select";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm";
const label = "block text-sm font-medium text-slate-700";
const note = "mt-1 block text-xs font-normal text-slate-500";

/**
 * Add a nightly source: a drop folder below the organization's folder, or an HTTPS URL. What the
 * server has not enabled (drop folders, stored credentials) is shown disabled, with why.
 */
export function SourceForm({
  timeZone,
  orgFolder,
  timeZones,
  capabilities,
}: {
  timeZone: string;
  orgFolder: string | null;
  timeZones: TimeZoneOption[];
  capabilities: Pick<SourceCapabilities, "dropFolders" | "credentials">;
}) {
  const [state, action] = useActionState<FormState, FormData>(createSourceAction, {});
  const values = state.values ?? {};
  const [type, setType] = useState<"folder" | "url">(
    capabilities.dropFolders ? ((values.type as "folder" | "url") ?? "folder") : "url",
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
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <label className={`flex items-center gap-2 ${capabilities.dropFolders ? "" : "text-slate-500"}`}>
            <input
              type="radio"
              name="type"
              value="folder"
              checked={type === "folder"}
              disabled={!capabilities.dropFolders}
              aria-describedby={capabilities.dropFolders ? undefined : "drop-folders-off"}
              onChange={() => setType("folder")}
            />{" "}
            Drop folder on the server
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="type" value="url" checked={type === "url"} onChange={() => setType("url")} />{" "}
            HTTPS URL
          </label>
        </div>
        {capabilities.dropFolders ? null : (
          <p id="drop-folders-off" data-testid="drop-folders-off" className="mt-1 text-xs text-slate-600">
            {NOT_ENABLED.dropFolders} Use an HTTPS URL, or have a script send files with an API token (below).
          </p>
        )}
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
            <span className={note}>
              {orgFolder ? <>Below {orgFolder}/ on the server, where your SFTP job or SIS script writes.</> : null}
            </span>
          </label>
          <label className={label}>
            File name pattern
            <input name="filePattern" defaultValue={values.filePattern ?? "*.csv"} className={input} />
            <span className={note}>* and ? wildcards; the newest matching file is taken.</span>
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
              defaultValue={capabilities.credentials ? (values.credentialHeaderName ?? "") : ""}
              placeholder="Authorization"
              disabled={!capabilities.credentials}
              aria-describedby={capabilities.credentials ? undefined : "credentials-off"}
              className={`${input} disabled:bg-slate-100`}
            />
          </label>
          <label className={label}>
            Credential value
            <input
              name="credentialHeaderValue"
              type="password"
              autoComplete="off"
              placeholder="Bearer …"
              disabled={!capabilities.credentials}
              aria-describedby={capabilities.credentials ? undefined : "credentials-off"}
              className={`${input} disabled:bg-slate-100`}
            />
            <span className={note}>Stored encrypted and never shown again.</span>
          </label>
          {capabilities.credentials ? null : (
            <p id="credentials-off" data-testid="credentials-off" className="text-xs text-slate-600 sm:col-span-2">
              {NOT_ENABLED.credentials} A URL that needs no credential works.
            </p>
          )}
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-4">
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
        <div className="sm:col-span-2">
          <TimeZoneSelect
            name="timeZone"
            label="Time zone"
            options={timeZones}
            defaultValue={values.timeZone ?? timeZone}
            inputClassName={input}
            labelClassName={label}
          />
        </div>
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
