// Step 2a: map a file's header row to the fields of one kind of file (docs/import-rules.md).
// Pure: no database. The names recognised (header-names.ts) and the rules are documented in
// docs/header-names.md; this file does the matching.

import {
  FIELD_LABELS,
  FIELDS,
  fieldsOf,
  IMPORT_KINDS,
  ImportFileError,
  type AnyField,
  type FieldOf,
  type ImportIssue,
  type ImportKind,
} from "./types";
import {
  BARE_PERSON_NAMES,
  OTHER_TABLES,
  RULES,
  STUDENT_TABLES,
  TABLE_NUMBER_SCOPES,
  TEACHER_TABLES,
  type HeaderScope,
  type Scope,
  type Target,
} from "./header-names";

export type ColumnMap<K extends ImportKind = ImportKind> = {
  kind: K;
  /** field → column index in the row */
  columns: Partial<Record<FieldOf<K>, number>>;
  /** column index → header as written */
  headers: string[];
};

/** Lookup tables: `${scope}|${normalized name}` → target. */
const TABLES = Object.fromEntries(
  IMPORT_KINDS.map((kind) => {
    const table = new Map<string, Target>();
    const put = (key: string, target: Target) => {
      if (table.has(key)) throw new Error(`map-headers: "${key}" is listed twice for ${kind} files`);
      table.set(key, target);
    };
    for (const rule of RULES[kind]) {
      for (const name of rule.names) {
        const key = squash(name);
        put(`|${key}`, rule.any);
        if (rule.student !== undefined) put(`student|${key}`, rule.student);
        if (rule.teacher !== undefined) put(`teacher|${key}`, rule.teacher);
      }
    }
    return [kind, table];
  }),
) as Record<ImportKind, Map<string, Target>>;

/** The header names recognised for each field of a kind, strongest first (for docs and UI). */
export function recognisedHeaders(kind: ImportKind): {
  field: AnyField;
  rank: number;
  names: readonly string[];
  /** Set when a person prefix changes the meaning (`[05]First_Name` is the teacher's). */
  scope?: Scope;
}[] {
  const out: { field: AnyField; rank: number; names: readonly string[]; scope?: Scope }[] = [];
  for (const rule of RULES[kind]) {
    if (rule.any) out.push({ field: rule.any[0], rank: rule.any[1], names: rule.names });
    for (const scope of ["student", "teacher"] as const) {
      const target = rule[scope];
      if (target && (!rule.any || target[0] !== rule.any[0] || target[1] !== rule.any[1])) {
        out.push({ field: target[0], rank: target[1], names: rule.names, scope });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Normalisation.

/** Names that mean a person only through the file's kind or a person prefix. */
const BARE_PERSON_KEYS = new Set(BARE_PERSON_NAMES.map(squash));

/** Case, spaces and punctuation do not count; `#` reads as "number" (`Student #`). */
function squash(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/#/g, "number")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The header as shown in messages: without a BOM and surrounding blanks. */
function displayHeader(header: string): string {
  return (header ?? "").replace(/^\uFEFF+/, "").trim();
}

function unquote(header: string): string {
  let text = displayHeader(header);
  for (;;) {
    const match = /^(["'\u201C\u2018])([\s\S]*)(["'\u201D\u2019])$/.exec(text);
    if (!match || text.length < 2) return text;
    text = (match[2] ?? "").trim();
  }
}

type ParsedHeader = {
  /** Normalised, with the bracketed table number removed but a `Word.` qualifier kept. */
  qualified: string;
  /** Normalised, with every table prefix removed (what normalizeHeader returns). */
  key: string;
  bracketScope: HeaderScope | null;
  scope: HeaderScope | null;
};

function parseHeader(header: string): ParsedHeader {
  let text = unquote(header);
  let bracketScope: HeaderScope | null = null;
  const bracket = /^\[\s*(\d+)\s*\]\s*/.exec(text);
  if (bracket) {
    bracketScope = TABLE_NUMBER_SCOPES[Number(bracket[1])] ?? null;
    text = text.slice(bracket[0].length);
  }
  // A column number before a known name (Illuminate exports: `01 Student ID`, `07 Section ID`).
  const numbered = /^\d{1,3}[\s._)-]+(?=\S)/.exec(text);
  if (numbered && KNOWN_KEYS.has(squash(text.slice(numbered[0].length)))) text = text.slice(numbered[0].length);
  const qualified = squash(text);
  let scope = bracketScope;
  for (let i = 0; i < 3; i++) {
    const qualifier = /^([A-Za-z][A-Za-z0-9_]*)\.(?=[^\s.])/.exec(text);
    if (!qualifier) break;
    const word = (qualifier[1] ?? "").toLowerCase();
    if (STUDENT_TABLES.has(word)) scope = "student";
    else if (TEACHER_TABLES.has(word)) scope = "teacher";
    else if (OTHER_TABLES.has(word)) scope = "other";
    text = text.slice(qualifier[0].length);
  }
  return { qualified, key: squash(text), bracketScope, scope };
}

/** Every name known to some kind of file, normalised. */
const KNOWN_KEYS = new Set(
  IMPORT_KINDS.flatMap((kind) => [...TABLES[kind].keys()].map((key) => key.slice(key.indexOf("|") + 1))),
);

/**
 * The form headers are compared in: no BOM or surrounding quotes, no table prefix (`[01]`,
 * `CC.`, `Students.`), lower case, without spaces or punctuation. `[01]Student_Number` →
 * `studentnumber`. A header that is a known name with its dot (`Student.ID`) keeps its first word.
 */
export function normalizeHeader(header: string): string {
  const parsed = parseHeader(header);
  return parsed.qualified !== parsed.key && KNOWN_KEYS.has(parsed.qualified) ? parsed.qualified : parsed.key;
}

function lookup(kind: ImportKind, key: string, scope: HeaderScope | null): Target {
  if (scope === "other") return BARE_PERSON_KEYS.has(key) ? null : lookup(kind, key, null);
  const table = TABLES[kind];
  if (scope) {
    const scoped = table.get(`${scope}|${key}`);
    if (scoped !== undefined) return scoped;
  }
  return table.get(`|${key}`) ?? null;
}

function match(kind: ImportKind, header: string): Target {
  const parsed = parseHeader(header);
  if (parsed.key === "") return null;
  // "Student.ID" is the student id before it is a `Student.` prefix on "ID".
  if (parsed.qualified !== parsed.key) {
    const whole = lookup(kind, parsed.qualified, parsed.bracketScope);
    if (whole) return whole;
  }
  return lookup(kind, parsed.key, parsed.scope);
}

// ---------------------------------------------------------------------------------------------
// Mapping.

/** Spreadsheet column letter of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = Math.floor(index) + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

type Analysis = {
  headers: string[];
  columns: Partial<Record<AnyField, number>>;
  /** Best rank found per field (saved mappings count as 0). */
  ranks: Partial<Record<AnyField, number>>;
  /** Fields two or more columns give equally strongly. */
  duplicates: { field: AnyField; indexes: number[] }[];
  /** A field given by a stronger and weaker names: the weaker columns are ignored. */
  preferred: { field: AnyField; used: number; ignored: number[] }[];
  unknown: number[];
};

function findSavedColumn(headers: string[], saved: string): number | undefined {
  const wanted = displayHeader(saved);
  if (wanted === "") return undefined;
  const exact = headers.flatMap((header, index) => (header === wanted ? [index] : []));
  if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined;
  const key = normalizeHeader(wanted);
  if (key === "") return undefined;
  const close = headers.flatMap((header, index) => (normalizeHeader(header) === key ? [index] : []));
  return close.length === 1 ? close[0] : undefined;
}

function analyse(header: string[], kind: ImportKind, saved?: Record<string, string> | null): Analysis {
  const headers = header.map((cell) => displayHeader(cell));
  const fields = fieldsOf(kind);
  const targets = header.map((cell) => match(kind, cell ?? ""));
  const columns: Partial<Record<AnyField, number>> = {};
  const ranks: Partial<Record<AnyField, number>> = {};
  const taken = new Set<number>();
  const decided = new Set<AnyField>();

  for (const [field, savedHeader] of Object.entries(saved ?? {})) {
    if (!(fields as readonly string[]).includes(field) || typeof savedHeader !== "string") continue;
    const index = findSavedColumn(headers, savedHeader);
    if (index === undefined) continue;
    columns[field as AnyField] = index;
    ranks[field as AnyField] = 0;
    taken.add(index);
    decided.add(field as AnyField);
  }

  const duplicates: Analysis["duplicates"] = [];
  const preferred: Analysis["preferred"] = [];
  for (const field of fields) {
    if (decided.has(field)) continue;
    const candidates = targets.flatMap((target, index) =>
      target && target[0] === field && !taken.has(index) ? [{ index, rank: target[1] }] : [],
    );
    if (candidates.length === 0) continue;
    const best = Math.min(...candidates.map((candidate) => candidate.rank));
    const top = candidates.filter((candidate) => candidate.rank === best).map((candidate) => candidate.index);
    ranks[field] = best;
    if (top.length > 1) {
      duplicates.push({ field, indexes: top });
      continue;
    }
    const used = top[0]!;
    columns[field] = used;
    const ignored = candidates.filter((candidate) => candidate.index !== used).map((candidate) => candidate.index);
    if (ignored.length > 0) preferred.push({ field, used, ignored });
  }

  // A column whose field a saved mapping gave to another column is known, just not used.
  const unknown = targets.flatMap((target, index) =>
    target || taken.has(index) || normalizeHeader(header[index] ?? "") === "" ? [] : [index],
  );

  return { headers, columns, ranks, duplicates, preferred, unknown };
}

const quoted = (text: string) => `"${text}"`;

/** "a", "a and b", "a, b and c" */
function listing(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * Maps a header row to the fields of `kind`. Throws ImportFileError `missing_column` (a required
 * field has no column) or `duplicate_column` (two columns give one field equally well). Returns
 * warnings: `ambiguous_column` (a weaker synonym was ignored for a stronger one) and
 * `unknown_columns` (one issue listing every column this kind of file does not use).
 * `saved` (field → header as written) overrides the guess for headers present in the file.
 * `options.headerRow` is the spreadsheet row of the header, for the issues (default 1).
 */
export function mapHeaders<K extends ImportKind>(
  header: string[],
  kind: K,
  saved?: Record<string, string> | null,
  options: { headerRow?: number } = {},
): { map: ColumnMap<K>; issues: ImportIssue[] } {
  const row = options.headerRow ?? 1;
  const analysis = analyse(header, kind, saved);
  const { headers } = analysis;
  const cell = (index: number) => `${quoted(headers[index] ?? "")} (column ${columnLetter(index)})`;

  const duplicated = new Set(analysis.duplicates.map((duplicate) => duplicate.field));
  const missing = FIELDS[kind].required.filter(
    (field: AnyField) => analysis.columns[field] === undefined && !duplicated.has(field),
  );
  if (missing.length > 0) {
    const labels = missing.map((field: AnyField) => quoted(FIELD_LABELS[field]));
    const found = headers.filter((text) => text !== "");
    throw new ImportFileError(
      "missing_column",
      `The file has no ${listing(labels)} ${labels.length === 1 ? "column" : "columns"}. Columns found: ${
        found.length > 0 ? found.join(", ") : "none"
      }.`,
      { column: FIELD_LABELS[missing[0]!] },
    );
  }

  const duplicate = analysis.duplicates[0];
  if (duplicate) {
    const columns = duplicate.indexes.map(cell);
    throw new ImportFileError(
      "duplicate_column",
      `Columns ${listing(columns)} ${columns.length === 2 ? "both" : "all"} give the ${
        FIELD_LABELS[duplicate.field]
      }; keep one.`,
      { column: headers[duplicate.indexes[0]!] },
    );
  }

  const issues: ImportIssue[] = analysis.preferred.map(({ field, used, ignored }) => ({
    row,
    column: headers[ignored[0]!] ?? null,
    severity: "warning",
    code: "ambiguous_column",
    message: `Used ${cell(used)} for the ${FIELD_LABELS[field]} and ignored ${listing(
      ignored.map(cell),
    )}; save a column mapping to use another column.`,
  }));
  if (analysis.unknown.length > 0) {
    const count = analysis.unknown.length;
    issues.push({
      row,
      column: null,
      severity: "warning",
      code: "unknown_columns",
      message: `Ignored ${count} ${count === 1 ? "column" : "columns"} this kind of file does not use: ${analysis.unknown
        .map((index) => quoted(headers[index] ?? ""))
        .join(", ")}.`,
    });
  }

  return {
    map: { kind, columns: analysis.columns as Partial<Record<FieldOf<K>, number>>, headers },
    issues,
  };
}

/**
 * The best guess of a column for each field, as header text, without throwing: what the column
 * mapping step pre-selects when required columns are missing or duplicated.
 */
export function guessMapping(
  header: string[],
  kind: ImportKind,
  saved?: Record<string, string> | null,
): Partial<Record<AnyField, string>> {
  const { headers, columns } = analyse(header, kind, saved);
  const guess: Partial<Record<AnyField, string>> = {};
  for (const [field, index] of Object.entries(columns) as Array<[AnyField, number]>) {
    const text = headers[index];
    if (text) guess[field] = text;
  }
  return guess;
}

/**
 * Whether a row looks like the header row of `kind`: at least half of its required fields
 * (and at least 2) are recognised. Used to pick the sheet (and row) of a workbook.
 */
export function looksLikeHeader(cells: string[], kind: ImportKind): boolean {
  const { ranks } = analyse(cells, kind);
  const required: readonly AnyField[] = FIELDS[kind].required;
  const recognised = required.filter((field) => ranks[field] !== undefined).length;
  return recognised >= Math.max(2, Math.ceil(required.length / 2));
}

/**
 * The kind of file whose required fields are all present: combined first; when both the students
 * and the staff fields are present (a bare `SIS ID` is either), the kind with student-only or
 * staff-only evidence (grade, a student id or a staff id by name, teacher names…), else students.
 */
export function guessKind(header: string[]): ImportKind | null {
  const complete = (kind: ImportKind) => {
    const { ranks } = analyse(header, kind);
    const required: readonly AnyField[] = FIELDS[kind].required;
    return required.every((field) => ranks[field] !== undefined) ? ranks : null;
  };
  if (complete("combined")) return "combined";
  const students = complete("students");
  const staff = complete("staff");
  if (!students || !staff) return students ? "students" : staff ? "staff" : null;
  const studentEvidence =
    students.grade !== undefined || (students.studentId ?? 5) < 5 || students.firstName === 1 || students.email === 1;
  const staffEvidence =
    staff.title !== undefined || (staff.staffId ?? 5) < 5 || staff.firstName === 1 || staff.email === 1;
  return staffEvidence && !studentEvidence ? "staff" : "students";
}
