import Papa from "papaparse";
import { sql } from "drizzle-orm";
import { getDb, rowsOf } from "@/db/client";
import {
  exportAssignments,
  exportClasses,
  exportEnrollments,
  exportSchools,
  exportStaff,
  exportStudents,
  exportTerms,
  type AssignmentRecord,
  type ClassRecord,
  type EnrollmentRecord,
  type OnBatch,
  type SchoolRecord,
  type StaffRecord,
  type StudentRecord,
  type TermRecord,
} from "@/db/queries/export";
import { runImport, type RunImportInput } from "@/lib/import/run-import";
import type { AnyImportKind } from "@/lib/import/types";

// Builders for roster files and a compact view of an organization's roster, for tests.

export const COMBINED_HEADER = [
  "Term",
  "School ID",
  "Class Name",
  "Class ID",
  "Class Period",
  "Student First",
  "Student Last",
  "Student ID",
  "Teacher First",
  "Teacher Last",
  "Teacher Email",
  "Staff ID",
];

export type CombinedLine = {
  term?: string;
  school: string;
  className?: string;
  classId: string;
  period?: string;
  first?: string;
  last?: string;
  studentId: string;
  teacherFirst?: string;
  teacherLast?: string;
  teacherEmail?: string;
  staffId?: string;
};

/** One combined row; names default from the ids so tests only say what matters. */
export function combinedRow(line: CombinedLine): string[] {
  const teacher = line.teacherEmail ?? "teacher@district.test";
  return [
    line.term ?? "2026-27",
    line.school,
    line.className ?? `Class ${line.classId}`,
    line.classId,
    line.period ?? "1",
    line.first ?? `First${line.studentId}`,
    line.last ?? `Last${line.studentId}`,
    line.studentId,
    line.teacherFirst ?? `T${teacher.toLowerCase().split("@")[0]}`,
    line.teacherLast ?? "Teacher",
    teacher,
    line.staffId ?? "",
  ];
}

export function csv(header: string[], rows: string[][]): Uint8Array {
  return new TextEncoder().encode(Papa.unparse([header, ...rows]));
}

export function combinedCsv(lines: CombinedLine[]): Uint8Array {
  return csv(COMBINED_HEADER, lines.map(combinedRow));
}

/**
 * A grid of classes for snapshot tests: `classes` classes in school `school`, each with
 * `students` students (ids shared across classes) and one teacher per class.
 */
export function grid(school: string, classes: number, students: number, prefix = school): CombinedLine[] {
  const lines: CombinedLine[] = [];
  for (let c = 1; c <= classes; c += 1) {
    for (let s = 1; s <= students; s += 1) {
      lines.push({
        school,
        classId: `${prefix}-C${c}`,
        studentId: `${prefix}-S${s}`,
        teacherEmail: `t${c}.${prefix}@district.test`.toLowerCase(),
      });
    }
  }
  return lines;
}

export async function importBytes(
  organizationId: string,
  bytes: Uint8Array,
  options: Partial<Omit<RunImportInput, "organizationId" | "bytes">> & { kind?: AnyImportKind } = {},
) {
  return runImport(await getDb(), {
    organizationId,
    bytes,
    kind: options.kind ?? "combined",
    source: options.source ?? "cli",
    fileName: options.fileName ?? "roster.csv",
    actor: options.actor ?? { label: "test" },
    mode: options.mode ?? "apply",
    thresholdPercent: options.thresholdPercent ?? 100,
    alwaysCompare: options.alwaysCompare,
    askForMapping: options.askForMapping,
    columnMapping: options.columnMapping,
    onProgress: options.onProgress,
    usernameEmailDomain: options.usernameEmailDomain,
  });
}

async function collect<T>(run: (onBatch: OnBatch<T>) => Promise<unknown>): Promise<T[]> {
  const all: T[] = [];
  await run((batch) => {
    all.push(...batch);
  });
  return all;
}

/** Every record of the organization (active or not), as `export --all` prints them. */
export async function rosterOf(organizationId: string) {
  const db = await getDb();
  const all = { all: true };
  return {
    schools: await collect<SchoolRecord>((b) => exportSchools(db, organizationId, all, b)),
    terms: await collect<TermRecord>((b) => exportTerms(db, organizationId, all, b)),
    classes: await collect<ClassRecord>((b) => exportClasses(db, organizationId, all, b)),
    students: await collect<StudentRecord>((b) => exportStudents(db, organizationId, all, b)),
    staff: await collect<StaffRecord>((b) => exportStaff(db, organizationId, all, b)),
    enrollments: await collect<EnrollmentRecord>((b) => exportEnrollments(db, organizationId, all, b)),
    assignments: await collect<AssignmentRecord>((b) => exportAssignments(db, organizationId, all, b)),
  };
}

/** Only the active ids, per type: the quickest way to say what a roster holds. */
export async function activeIds(organizationId: string) {
  const roster = await rosterOf(organizationId);
  const active = <T extends { active: boolean }>(list: T[], key: (item: T) => string) =>
    list
      .filter((item) => item.active)
      .map(key)
      .sort();
  return {
    classes: active(roster.classes, (c) => c.classId),
    students: active(roster.students, (s) => s.studentId),
    staff: active(roster.staff, (s) => s.email),
    enrollments: active(roster.enrollments, (e) => `${e.classId}/${e.studentId}`),
    assignments: active(roster.assignments, (a) => `${a.classId}/${a.staffEmail}`),
  };
}

export async function countRows(table: string, organizationId: string): Promise<number> {
  const db = await getDb();
  const [row] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from ${sql.raw(table)} where organization_id = ${organizationId}`),
  );
  return Number(row?.n);
}

/** A fingerprint of every roster row, including when it was last written. */
export async function writeStamp(organizationId: string): Promise<string> {
  const db = await getDb();
  const tables = [
    "schools",
    "terms",
    "classes",
    "students",
    "staff",
    "enrollments",
    "teaching_assignments",
    "student_schools",
    "staff_schools",
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const [row] = rowsOf<{ n: string | number; stamp: string | null }>(
      await db.execute(
        sql`select count(*) as n, max(updated_at)::text as stamp from ${sql.raw(table)} where organization_id = ${organizationId}`,
      ),
    );
    parts.push(`${table}:${row?.n}:${row?.stamp}`);
  }
  return parts.join("|");
}
