import {
  bigint,
  char,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizationIdColumn } from "./columns";

export const importKind = pgEnum("import_kind", ["combined", "staff", "students", "oneroster", "clever", "sds"]);
export const importSource = pgEnum("import_source", ["upload", "nightly", "api", "cli", "undo"]);
export const importStatus = pgEnum("import_status", [
  "queued",
  "processing",
  "preview",
  "held",
  "applied",
  "applied_with_errors",
  "unchanged",
  "failed",
  "discarded",
]);
export const issueSeverity = pgEnum("issue_severity", ["error", "warning"]);

/**
 * Every kind an import is recorded as (docs/domain.md "The files"): the table kinds and the
 * multi-file set kinds (oneroster, clever, sds); lib/import/types.ts splits them.
 */
export type AnyImportKind = (typeof importKind.enumValues)[number];

/** One problem found in a file. `row` is the spreadsheet row number (header = 1); null for the file. */
export type ImportIssue = {
  /** Multi-file sets: the file inside the set (e.g. "enrollments.csv"); null or absent for single files. */
  file?: string | null;
  row: number | null;
  /** The column's header as written in the file (or the field's label when the column is missing). */
  column: string | null;
  severity: (typeof issueSeverity.enumValues)[number];
  code: string;
  message: string;
};

/** What a queued import's job does (lib/import/queue-import.ts): plan and maybe apply its staged rows. */
export type QueuedRun = {
  /** "preview": stop at a preview (uploads); "apply": apply unless held; "decision": an admin's Apply. */
  mode: "preview" | "apply" | "decision";
  /** How staged rows map back to the file's headers, and the header's own issues. */
  mapping: { headers: Array<string | null>; headerWidth: number | null };
  headerIssues: ImportIssue[];
  /** Table kinds: the file's header row and where it was read ('Sheet "x": '), for the "wrong kind" check. */
  header?: string[];
  where?: string;
  /** Compare with the roster even when the file is byte-identical to the current import. */
  alwaysCompare?: boolean;
  /** "decision": the status the admin decided from, and who. */
  decidedFrom?: "preview" | "held";
  decidedBy?: { userId: string | null; label: string | null };
};

/** One import of one file. The file's bytes are never stored: only its name, size and hash. */
export const imports = pgTable(
  "imports",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    source: importSource().notNull(),
    kind: importKind().notNull(),
    status: importStatus().notNull().default("processing"),
    fileName: text().notNull(),
    fileSize: bigint({ mode: "number" }).notNull(),
    sha256: text().notNull(),
    actorUserId: text().references(() => users.id, { onDelete: "set null" }),
    /** Who or what started it when no user did: "cli", a nightly source's name, an API token's name. */
    actorLabel: text(),
    rowCount: integer().notNull().default(0),
    errorCount: integer().notNull().default(0),
    warningCount: integer().notNull().default(0),
    /** Per entity type: { created, updated, reactivated, deactivated }. */
    counts:
      jsonb().$type<Record<string, { created: number; updated: number; reactivated: number; deactivated: number }>>(),
    /** Samples of each planned change, shown on previews and held imports. */
    planSummary: jsonb(),
    heldReason: text(),
    failureMessage: text(),
    /** Parsed rows kept for a preview or a hold are deleted at this time at the latest. */
    stagedRowsExpireAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * Touched every few seconds by the server running the import while it is "processing"; an
     * import whose heartbeat stopped was interrupted (lib/import/interrupted-imports.ts).
     */
    heartbeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * An import run by the job queue (lib/import/queue-import.ts): what its job is to do with the
     * staged rows. Null for an import run in one go (the CLI's, a nightly pull's).
     */
    queuedRun: jsonb().$type<QueuedRun>(),
    finishedAt: timestamp({ withTimezone: true }),
    decidedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    /** An undo (source "undo"): the import it undoes. */
    undoesImportId: uuid().references((): AnyPgColumn => imports.id, { onDelete: "set null" }),
    /** The undo that undid this import; set while that undo stands. */
    undoneByImportId: uuid().references((): AnyPgColumn => imports.id, { onDelete: "set null" }),
  },
  (t) => [
    index("imports_org_created_idx").on(t.organizationId, t.createdAt.desc()),
    index("imports_org_kind_status_idx").on(t.organizationId, t.kind, t.status, t.finishedAt.desc()),
    // Only the few imports running now: the interrupted-import check on every page load is cheap.
    index("imports_processing_heartbeat_idx")
      .on(t.organizationId, t.heartbeatAt)
      .where(sql`${t.status} = 'processing'`),
  ],
);

export const importIssues = pgTable(
  "import_issues",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    organizationId: organizationIdColumn(),
    importId: uuid()
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    /** The file inside a multi-file set (OneRoster, Clever, SDS) the issue is in; null for single files. */
    file: text(),
    /** Spreadsheet row number (header = 1); null for file-level issues. */
    row: integer(),
    column: text(),
    severity: issueSeverity().notNull(),
    code: text().notNull(),
    message: text().notNull(),
  },
  (t) => [index("import_issues_import_row_idx").on(t.importId, t.row)],
);

/** Parsed rows of an import awaiting a decision (preview or hold), in chunks. */
export const importStagedRows = pgTable(
  "import_staged_rows",
  {
    organizationId: organizationIdColumn(),
    importId: uuid()
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    chunk: integer().notNull(),
    rows: jsonb().notNull(),
  },
  (t) => [uniqueIndex("import_staged_rows_key").on(t.importId, t.chunk)],
);

/** A column mapping an admin saved for one kind of file; it overrides the header guess. */
export const columnMappings = pgTable(
  "column_mappings",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: organizationIdColumn(),
    kind: importKind().notNull(),
    /** field name → header as written in the file */
    mapping: jsonb().$type<Record<string, string>>().notNull(),
    updatedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("column_mappings_org_kind_key").on(t.organizationId, t.kind)],
);

/**
 * What an applied import (or an undo) needs to be undone: one chunk per write statement, in the
 * order of the writes (`id`). `rowIds` are the rows written (for the school-link tables, the
 * person; `schoolIds` the school); `op` says what was done to them:
 *   "c" created    — undo removes them (or deactivates those something else still references);
 *   "u" updated    — `previous[i]` holds only the columns that changed, as they were;
 *   "d" deleted    — `previous[i]` holds the row's content (an undo removed it), to put it back.
 * Deleted with its import (retention), like its issues.
 */
export const importUndoChunks = pgTable(
  "import_undo_chunks",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    organizationId: organizationIdColumn(),
    importId: uuid()
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    table: text().notNull(),
    op: char({ length: 1 }).$type<"c" | "u" | "d">().notNull(),
    rowIds: bigint({ mode: "number" }).array().notNull(),
    schoolIds: bigint({ mode: "number" }).array(),
    previous: jsonb().array(),
  },
  (t) => [
    index("import_undo_chunks_import_idx").on(t.importId, t.id),
    index("import_undo_chunks_org_idx").on(t.organizationId, t.id),
  ],
);
