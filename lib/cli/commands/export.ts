import { getDb, migrateDatabase, type Executor } from "@/db/client";
import {
  exportAssignments,
  exportClasses,
  exportEnrollments,
  exportEntities,
  exportFields,
  exportSchools,
  exportStaff,
  exportStudents,
  exportTerms,
  type ExportEntity,
  type ExportOptions,
  type OnBatch,
} from "@/db/queries/export";
import type { Organization } from "@/db/queries/organizations";
import { safeCsvLines, type CsvValue } from "@/lib/csv/safe-csv";
import { requireOrganization } from "@/lib/organizations/require-organization";
import { oneRosterFiles, zipOneRoster } from "@/lib/roster/oneroster-export";
import { writeFile } from "node:fs/promises";
import { UserFacingError } from "@/lib/errors";
import { required, UsageError, type Command } from "../command";

// `rostersync export <entity> --org SLUG --format json|csv [--all]`: read-only, straight to
// stdout in batches. JSON is one array of records on one line; CSV is written by the app's one
// CSV writer, as the browser downloads are (header row, CRLF after every line, null as an empty
// cell, a cell that a spreadsheet would read as a formula quoted with a leading apostrophe).
// `rostersync export oneroster --org SLUG --out roster.zip` writes the active roster as a
// OneRoster 1.1 CSV bulk set (lib/roster/oneroster-export.ts).

type Exporter = (
  db: Executor,
  organizationId: string,
  options: ExportOptions,
  onBatch: OnBatch<object>,
) => Promise<number>;

const exporters: Record<ExportEntity, Exporter> = {
  schools: exportSchools,
  terms: exportTerms,
  classes: exportClasses,
  students: exportStudents,
  staff: exportStaff,
  enrollments: exportEnrollments,
  assignments: exportAssignments,
};

const entityList = exportEntities.join(", ");

export const exportCommand: Command = {
  summary: "print an organization's roster records (active only unless --all)",
  usage: `export <${exportEntities.join("|")}> --org SLUG --format json|csv [--all]\n       export oneroster --org SLUG --out FILE.zip`,
  options: {
    org: { type: "string" },
    format: { type: "string" },
    all: { type: "boolean" },
    out: { type: "string" },
  },
  allowPositionals: true,
  async run({ values, positionals, out }) {
    const [entity, ...extra] = positionals;
    if (!entity) throw new UsageError(`Name what to export: one of ${entityList}, oneroster`);
    if (entity === "oneroster") return exportOneRoster(values, extra, out);
    if (!isEntity(entity)) throw new UsageError(`Unknown entity "${entity}"; export one of ${entityList}`);
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    const slug = required(values, "org").trim();
    const format = exportFormat(values.format, out.json);

    await migrateDatabase();
    const db = await getDb();
    let organization: Organization;
    try {
      organization = await requireOrganization(db, slug);
    } catch (error) {
      // --format json is machine output too: answer with the JSON error even without --json.
      if (format === "json" && !out.json && error instanceof UserFacingError) {
        process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message } })}\n`);
        process.stderr.write(`rostersync: ${error.message}\n`);
        return 1;
      }
      throw error;
    }

    const write = writer(process.stdout);
    const fields = exportFields[entity];
    const options = { all: values.all === true };
    if (format === "json") {
      let first = true;
      await write("[");
      await exporters[entity](db, organization.id, options, async (records) => {
        const body = records.map((record) => JSON.stringify(record)).join(",");
        await write(first ? body : `,${body}`);
        first = false;
      });
      await write("]\n");
    } else {
      await write(safeCsvLines([[...fields]])); // the header row
      await exporters[entity](db, organization.id, options, async (records) => {
        const rows = records.map((record) => fields.map((field) => (record as Record<string, CsvValue>)[field]));
        await write(safeCsvLines(rows));
      });
    }
    return 0;
  },
};

/** `export oneroster --org SLUG --out FILE.zip`: the active roster as a OneRoster 1.1 bulk .zip. */
async function exportOneRoster(
  values: Parameters<Command["run"]>[0]["values"],
  extra: string[],
  out: Parameters<Command["run"]>[0]["out"],
) {
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  const slug = required(values, "org").trim();
  const target = typeof values.out === "string" ? values.out.trim() : "";
  if (!target) throw new UsageError("Missing --out FILE.zip (where to write the OneRoster set)");
  if (values.format !== undefined) throw new UsageError("export oneroster writes a .zip; drop --format");
  await migrateDatabase();
  const db = await getDb();
  const organization = await requireOrganization(db, slug);
  const files = await oneRosterFiles(db, organization);
  await writeFile(target, zipOneRoster(files));
  const rows = Object.fromEntries(files.map((file) => [file.name, file.text.split("\r\n").length - 2]));
  out.result({ out: target, files: rows }, [
    `Wrote ${target}: OneRoster 1.1 CSV bulk set of ${organization.name}`,
    ...files.map((file) => `  ${file.name.padEnd(22)}${String(rows[file.name]).padStart(9)} rows`),
  ]);
  return 0;
}

/** The organization with this slug, or the `org_not_found` error. */
function isEntity(name: string): name is ExportEntity {
  return (exportEntities as string[]).includes(name);
}

/** --format json|csv; --json alone means json, and --json with --format csv is a contradiction. */
function exportFormat(value: string | boolean | undefined, json: boolean): "json" | "csv" {
  if (value === undefined) {
    if (json) return "json";
    throw new UsageError("Missing --format (json or csv)");
  }
  const format = String(value).trim().toLowerCase();
  if (format !== "json" && format !== "csv")
    throw new UsageError(`Unknown --format "${String(value)}"; use json or csv`);
  if (json && format === "csv") throw new UsageError("--json prints JSON; drop it or use --format json");
  return format;
}

/** Writes in order and waits while the stream's buffer is full, so a large export stays small in memory. */
function writer(stream: NodeJS.WriteStream): (chunk: string) => Promise<void> {
  return (chunk) =>
    new Promise((resolve, reject) => {
      if (stream.write(chunk)) return resolve();
      const done = (error?: Error) => {
        stream.off("drain", done);
        stream.off("error", done);
        if (error) reject(error);
        else resolve();
      };
      stream.once("drain", done);
      stream.once("error", done);
    });
}
