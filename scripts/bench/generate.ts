// Kept whole (~670 lines): standalone by design (it imports nothing from the app), so its helpers live here.
// Synthetic district for `npm run bench` (scripts/bench/run.ts): a combined roster file, a
// "2 % changed" variant of it and the same rows as XLSX. Deterministic: a seeded PRNG, so every
// run with the same --rows and --seed writes the same bytes.
//
// Default 180,000 rows = 40 schools, 1,000 teachers, 30,000 students (README "Import performance");
// --rows scales schools, teachers and students proportionally (1M ≈ 222 schools, 166,667 students).
// Each student takes ~6 classes of their school, at most one per period; classes hold ~25
// students and have one teacher (3 % have a co-teacher, written as a second row per student).
//
// Standalone: `npx tsx scripts/bench/generate.ts --rows 1000 --out /tmp/district [--xlsx]`
// writes district.csv, district-changed.csv (and district.xlsx) plus meta.json, and prints the
// meta as JSON. This module imports nothing from the app, so any TypeScript loader runs it.

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as XLSX from "@e965/xlsx";

export const HEADER = [
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

export const DEFAULT_ROWS = 180_000;
const BASE = { rows: 180_000, schools: 40, teachers: 1_000, students: 30_000 };
const TERM = "2025-26";
const PERIODS = 8;
const CLASS_SIZE = 25;
const CLASSES_PER_STUDENT = 6;
const CO_TAUGHT_SHARE = 0.03;

const FIRST_NAMES = [
  "Olivia",
  "Liam",
  "José",
  "Zoë",
  "D'Andre",
  "Renée",
  "Chloé",
  "Mateo",
  "Ana María",
  "Nguyễn",
  "Aaliyah",
  "Søren",
  "Björn",
  "Maëlle",
  "François",
  "Siobhán",
  "Mía",
  "Élodie",
  "Jamal",
  "Priya",
  "Wei",
  "Fatima",
  "Noah",
  "Emma",
  "Ava",
  "Ethan",
  "Sofía",
  "Lucas",
  "Isabella",
  "Mason",
  "Amara",
  "Kai",
  "Léa",
  "Ren",
  "Yusuf",
  "Hana",
  "Óscar",
  "Iñaki",
  "Łukasz",
  "Tomás",
  'Katherine "Kate"',
  "Jean-Luc",
  "Ngozi",
  "Mary Kate",
  "Ximena",
  "Dmitri",
];
const LAST_NAMES = [
  "O'Brien",
  "García",
  "Müller",
  "Smith, Jr.",
  "Nuñez",
  "D'Angelo",
  "Lefèvre",
  "Ødegaard",
  "St. John",
  "van der Berg",
  "Smith-Jones",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Miller",
  "Davis",
  "Rodríguez",
  "Martínez",
  "Hernández",
  "López",
  "Gonzalez",
  "Wilson",
  "Anderson",
  "Thomas",
  "Taylor",
  "Moore",
  "Jackson",
  "Martin",
  "Lee",
  "Pérez",
  "Thompson",
  "White",
  "Harris",
  "Sánchez",
  "Clark",
  "Ramírez",
  "Lewis",
  "Robinson",
  "Walker",
  "Young",
  "Allen",
  "King",
  "Wright, III",
  "Scott",
  "Torres",
  "Nguyen",
  "Hill",
  "Flores",
  "Green",
  "Adams",
  "Nelson",
  "Baker",
  "Hall",
  "Rivera",
  "Campbell",
  "Mitchell",
  "Carter",
  "Roberts",
  "Ó Súilleabháin",
  "Dubois",
  "Kowalski",
  "Çelik",
  "Yılmaz",
  "Ng",
];
const SUBJECTS = [
  "Algebra I",
  "Geometry",
  "Algebra II",
  "Biology",
  "Chemistry, Honors",
  "Physics",
  "English 9",
  "English 10",
  "World History",
  "U.S. History",
  "Spanish I",
  "Français II",
  "Art",
  "PE",
  "Music: Band",
  "Computer Science",
  "Health",
  "Économie",
  "AP Calculus BC",
  "Psychology",
  "Drama",
  "Earth Science",
  "Reading Lab",
  "Life Skills",
];

// ---------------------------------------------------------------------------------------------
// The district model

type Teacher = { first: string; last: string; email: string; staffId: string };
type Klass = { classId: string; name: string; period: number; school: number; teachers: number[]; roster: number[] };
type Student = { id: string; first: string; last: string; school: number; classes: number[] };

export type District = {
  seed: number;
  schoolIds: string[];
  teachers: Teacher[];
  classes: Klass[];
  students: Student[];
};

/** What a file holds, in the import's terms: the counts a first import should create. */
export type DistrictCounts = {
  rows: number;
  schools: number;
  terms: number;
  classes: number;
  students: number;
  staff: number;
  enrollments: number;
  assignments: number;
};

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const ascii = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

/** Student ids: 7 digits with leading zeros for the low ones (e.g. "0012345"), unique, not sequential. */
const studentIdOf = (index: number) => pad(index * 59 + 1_234, 7);

export function generateDistrict(options: { rows?: number; seed?: number } = {}): District {
  const rows = options.rows ?? DEFAULT_ROWS;
  const seed = options.seed ?? 20250901;
  if (!Number.isInteger(rows) || rows < 100) throw new Error(`--rows must be an integer ≥ 100 (got ${rows})`);
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const scale = rows / BASE.rows;
  const schoolCount = Math.max(1, Math.round(BASE.schools * scale));
  const teacherCount = Math.max(schoolCount, Math.round(BASE.teachers * scale));
  const studentCount = Math.max(schoolCount, Math.round(BASE.students * scale));

  const schoolIds = Array.from({ length: schoolCount }, (_, i) => pad(i + 1, 3));

  // Teachers in contiguous blocks per school.
  const teachers: Teacher[] = [];
  const teachersOfSchool: number[][] = schoolIds.map(() => []);
  for (let t = 0; t < teacherCount; t += 1) {
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    teachers.push({
      first,
      last,
      email: `${ascii(first).charAt(0)}${ascii(last)}${t + 1}@sd.k12.us`,
      staffId: pad(t + 1, 6),
    });
    teachersOfSchool[Math.floor((t * schoolCount) / teacherCount)]?.push(t);
  }

  // Students in contiguous blocks per school.
  const students: Student[] = [];
  for (let s = 0; s < studentCount; s += 1) {
    students.push({
      id: studentIdOf(s),
      first: pick(FIRST_NAMES),
      last: pick(LAST_NAMES),
      school: Math.floor((s * schoolCount) / studentCount),
      classes: [],
    });
  }

  // Classes: per school and period, enough sections for ~25 students each.
  const classes: Klass[] = [];
  const sections: number[][][] = schoolIds.map(() => Array.from({ length: PERIODS }, () => []));
  const perSchoolRows = rows / schoolCount / (1 + CO_TAUGHT_SHARE);
  const sectionsPerPeriod = Math.max(1, Math.round(perSchoolRows / PERIODS / CLASS_SIZE));
  schoolIds.forEach((_, school) => {
    const staff = teachersOfSchool[school] ?? [];
    let n = 0;
    for (let period = 1; period <= PERIODS; period += 1) {
      for (let section = 0; section < sectionsPerPeriod; section += 1) {
        n += 1;
        const index = classes.length;
        const teacher = staff[(section * PERIODS + period) % staff.length] ?? 0;
        const teacherList = [teacher];
        if (random() < CO_TAUGHT_SHARE && staff.length > 1) {
          teacherList.push(
            staff[(staff.indexOf(teacher) + 1 + Math.floor(random() * (staff.length - 1))) % staff.length] ?? 0,
          );
        }
        classes.push({
          classId: pad((school + 1) * 10_000 + n, 7),
          name: pick(SUBJECTS),
          period,
          school,
          teachers: teacherList,
          roster: [],
        });
        sections[school]?.[period - 1]?.push(index);
      }
    }
  });

  const rowsOfClass = (c: number) => classes[c]?.teachers.length ?? 1;
  const enroll = (s: number, c: number) => {
    students[s]?.classes.push(c);
    classes[c]?.roster.push(s);
  };
  const freePeriods = (student: Student) => {
    const taken = new Set(student.classes.map((c) => classes[c]?.period));
    return Array.from({ length: PERIODS }, (_, i) => i + 1).filter((p) => !taken.has(p));
  };

  // Each student: ~6 classes of their school, one per period (5–7, mean chosen so the file
  // comes out near `rows`; the remainder is fixed below so it is exact).
  const mean = rows / studentCount / (1 + CO_TAUGHT_SHARE);
  let total = 0;
  for (let s = 0; s < studentCount; s += 1) {
    const student = students[s] as Student;
    const jitter = random();
    const count = Math.min(
      PERIODS,
      Math.max(1, Math.floor(mean + (jitter < 0.15 ? -1 : jitter > 0.85 ? 1 : 0) + random())),
    );
    const periods = freePeriods(student);
    for (let k = 0; k < count && periods.length > 0; k += 1) {
      const [period] = periods.splice(Math.floor(random() * periods.length), 1);
      const c = pick(sections[student.school]?.[(period as number) - 1] ?? []);
      enroll(s, c);
      total += rowsOfClass(c);
    }
  }
  // Exact row count: add or drop single-teacher enrollments of random students.
  let guard = 0;
  while (total !== rows && guard < rows * 20) {
    guard += 1;
    const s = Math.floor(random() * studentCount);
    const student = students[s] as Student;
    if (total < rows) {
      const periods = freePeriods(student);
      if (periods.length === 0) continue;
      const c = pick(sections[student.school]?.[pick(periods) - 1] ?? []);
      if (rowsOfClass(c) !== 1) continue;
      enroll(s, c);
      total += 1;
    } else {
      if (student.classes.length <= 3) continue;
      const at = Math.floor(random() * student.classes.length);
      const c = student.classes[at] as number;
      if (rowsOfClass(c) !== 1) continue;
      student.classes.splice(at, 1);
      const roster = classes[c]?.roster ?? [];
      roster.splice(roster.indexOf(s), 1);
      total -= 1;
    }
  }
  if (total !== rows) throw new Error(`generator could not reach exactly ${rows} rows (got ${total})`);
  for (const klass of classes) klass.roster.sort((a, b) => a - b);
  return { seed, schoolIds, teachers, classes, students };
}

// ---------------------------------------------------------------------------------------------
// Rows

type RowOverrides = {
  removedStudents?: Set<number>;
  removedClasses?: Set<number>;
  lastNames?: Map<number, string>;
  periods?: Map<number, number>;
  extra?: Array<{ student: Student; classes: number[] }>;
};

/** The file's rows (cells as strings), class by class, one row per student per teacher. */
export function districtRows(district: District, overrides: RowOverrides = {}): string[][] {
  const { removedStudents, removedClasses, lastNames, periods } = overrides;
  const extraByClass = new Map<number, Student[]>();
  for (const { student, classes } of overrides.extra ?? []) {
    for (const c of classes) extraByClass.set(c, [...(extraByClass.get(c) ?? []), student]);
  }
  const out: string[][] = [];
  district.classes.forEach((klass, c) => {
    if (removedClasses?.has(c)) return;
    const school = district.schoolIds[klass.school] as string;
    const period = String(periods?.get(c) ?? klass.period);
    const teachers = klass.teachers.map((t) => district.teachers[t] as Teacher);
    const emit = (student: Student, last: string) => {
      for (const t of teachers) {
        out.push([
          TERM,
          school,
          klass.name,
          klass.classId,
          period,
          student.first,
          last,
          student.id,
          t.first,
          t.last,
          t.email,
          t.staffId,
        ]);
      }
    };
    for (const s of klass.roster) {
      if (removedStudents?.has(s)) continue;
      const student = district.students[s] as Student;
      emit(student, lastNames?.get(s) ?? student.last);
    }
    for (const student of extraByClass.get(c) ?? []) emit(student, student.last);
  });
  return out;
}

/** Counts a first import of these rows should report as created. */
export function countsOf(rows: string[][]): DistrictCounts {
  const schools = new Set<string>();
  const classes = new Set<string>();
  const students = new Set<string>();
  const staff = new Set<string>();
  const enrollments = new Set<string>();
  const assignments = new Set<string>();
  for (const r of rows) {
    schools.add(r[1] as string);
    classes.add(r[3] as string);
    students.add(r[7] as string);
    staff.add(r[10] as string);
    enrollments.add(`${r[3]}|${r[7]}`);
    assignments.add(`${r[3]}|${r[10]}`);
  }
  return {
    rows: rows.length,
    schools: schools.size,
    terms: 1,
    classes: classes.size,
    students: students.size,
    staff: staff.size,
    enrollments: enrollments.size,
    assignments: assignments.size,
  };
}

/** What importing the changed variant over the original should report. */
export type ChangeSummary = {
  rows: number;
  rowsRemoved: number;
  rowsEdited: number;
  rowsAdded: number;
  expected: {
    /** deactivated: people on no row any more (every school is in the file: they departed). */
    students: { created: number; updated: number; deactivated: number };
    staff: { deactivated: number };
    classes: { updated: number; deactivated: number };
    enrollments: { created: number; deactivated: number };
    assignments: { deactivated: number };
  };
};

/**
 * The "2 % changed" nightly file: ~0.8 % of students leave (all their rows go), ~0.2 % of
 * classes are dropped (~1 % of rows removed); ~0.5 % of students change last name and ~0.5 %
 * of classes change period (~1 % of rows edited); ~0.1 % new students with ~6 classes each.
 * Every type stays far below the 10 % deactivation threshold, so the import applies.
 */
export function changedVariant(
  district: District,
  seed = district.seed + 1,
): { rows: string[][]; summary: ChangeSummary } {
  const random = prng(seed);
  const studentCount = district.students.length;
  const classCount = district.classes.length;
  const sample = (n: number, size: number, avoid: Set<number> = new Set()) => {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(size, n - avoid.size)) {
      const i = Math.floor(random() * n);
      if (!avoid.has(i)) chosen.add(i);
    }
    return chosen;
  };
  const removedStudents = sample(studentCount, Math.max(1, Math.round(studentCount * 0.008)));
  const removedClasses = sample(classCount, Math.max(1, Math.round(classCount * 0.002)));
  const renamed = sample(studentCount, Math.max(1, Math.round(studentCount * 0.005)), removedStudents);
  const moved = sample(classCount, Math.max(1, Math.round(classCount * 0.005)), removedClasses);

  const lastNames = new Map<number, string>();
  for (const s of renamed) {
    const student = district.students[s] as Student;
    lastNames.set(s, `${student.last}-${LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]}`);
  }
  const periods = new Map<number, number>();
  for (const c of moved) periods.set(c, ((district.classes[c] as Klass).period % PERIODS) + 1);

  // New students: ~6 classes of one school (kept classes, one per period).
  const extra: Array<{ student: Student; classes: number[] }> = [];
  const newCount = Math.max(1, Math.round(studentCount * 0.001));
  for (let k = 0; k < newCount; k += 1) {
    const school = Math.floor(random() * district.schoolIds.length);
    const candidates = district.classes
      .map((klass, c) => ({ klass, c }))
      .filter(({ klass, c }) => klass.school === school && !removedClasses.has(c));
    const byPeriod = new Map<number, number[]>();
    for (const { klass, c } of candidates)
      byPeriod.set(periods.get(c) ?? klass.period, [...(byPeriod.get(periods.get(c) ?? klass.period) ?? []), c]);
    const chosen = [...byPeriod.values()]
      .slice(0, CLASSES_PER_STUDENT)
      .map((list) => list[Math.floor(random() * list.length)] as number);
    extra.push({
      student: {
        id: studentIdOf(studentCount + k),
        first: FIRST_NAMES[k % FIRST_NAMES.length] as string,
        last: "Nouveau",
        school,
        classes: chosen,
      },
      classes: chosen,
    });
  }

  const rows = districtRows(district, { removedStudents, removedClasses, lastNames, periods, extra });

  // Expected counts, computed from the model.
  const rowsOfClass = (c: number) => (district.classes[c] as Klass).teachers.length;
  let rowsRemoved = 0;
  let rowsEdited = 0;
  let endedEnrollments = 0;
  district.classes.forEach((klass, c) => {
    for (const s of klass.roster) {
      const removed = removedClasses.has(c) || removedStudents.has(s);
      if (removed) {
        rowsRemoved += rowsOfClass(c);
        endedEnrollments += 1;
      } else if (lastNames.has(s) || periods.has(c)) rowsEdited += rowsOfClass(c);
    }
  });
  const rowsAdded = extra.reduce((sum, e) => sum + e.classes.reduce((n, c) => n + rowsOfClass(c), 0), 0);
  // A class is in the new file when a kept or new student is in it; one that was in the old
  // file and is not any more (dropped, or every student left) is deactivated.
  const inOld = (c: number) => (district.classes[c] as Klass).roster.length > 0;
  const inNew = (c: number) =>
    !removedClasses.has(c) &&
    ((district.classes[c] as Klass).roster.some((s) => !removedStudents.has(s)) ||
      extra.some((e) => e.classes.includes(c)));
  const classIndexes = district.classes.map((_, c) => c);
  const dropped = classIndexes.filter((c) => inOld(c) && !inNew(c));
  const teachersOf = (keep: (c: number) => boolean) =>
    new Set(classIndexes.filter(keep).flatMap((c) => (district.classes[c] as Klass).teachers));
  const teachersAfter = teachersOf(inNew);
  const departedStaff = [...teachersOf(inOld)].filter((t) => !teachersAfter.has(t)).length;
  // Students on a row before and on none after (they left, or all their classes were dropped).
  const studentsBefore = new Set<number>();
  const studentsAfter = new Set<number>();
  district.classes.forEach((klass, c) => {
    for (const s of klass.roster) {
      studentsBefore.add(s);
      if (!removedClasses.has(c) && !removedStudents.has(s)) studentsAfter.add(s);
    }
  });
  const departedStudents = [...studentsBefore].filter((s) => !studentsAfter.has(s)).length;
  return {
    rows,
    summary: {
      rows: rows.length,
      rowsRemoved,
      rowsEdited,
      rowsAdded,
      expected: {
        students: { created: newCount, updated: renamed.size, deactivated: departedStudents },
        staff: { deactivated: departedStaff },
        classes: {
          updated: [...moved].filter((c) => inOld(c) && inNew(c)).length,
          deactivated: dropped.length,
        },
        enrollments: { created: extra.reduce((n, e) => n + e.classes.length, 0), deactivated: endedEnrollments },
        assignments: { deactivated: dropped.reduce((n, c) => n + (district.classes[c] as Klass).teachers.length, 0) },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Bytes

const needsQuotes = /[",\r\n]/;
const csvCell = (cell: string) => (needsQuotes.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** RFC 4180 CSV, UTF-8 without BOM, `\n` line ends; cells with `,` or `"` quoted. */
export function toCsv(rows: string[][], header: string[] = HEADER): Buffer {
  const chunks: Buffer[] = [];
  let lines: string[] = [header.map(csvCell).join(",")];
  for (const row of rows) {
    lines.push(row.map(csvCell).join(","));
    if (lines.length === 50_000) {
      chunks.push(Buffer.from(`${lines.join("\n")}\n`));
      lines = [];
    }
  }
  if (lines.length > 0) chunks.push(Buffer.from(`${lines.join("\n")}\n`));
  return Buffer.concat(chunks);
}

/** The same rows as an XLSX workbook (one sheet "Roster"); every cell, ids included, is a text cell. */
export function toXlsx(rows: string[][], header: string[] = HEADER): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([header, ...rows], { dense: true });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, "Roster");
  return XLSX.write(book, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer;
}

// ---------------------------------------------------------------------------------------------
// CLI

export type GeneratedFiles = {
  dir: string;
  seed: number;
  csv: string;
  changedCsv: string;
  xlsx: string | null;
  bytes: { csv: number; changedCsv: number; xlsx: number | null };
  counts: DistrictCounts;
  change: ChangeSummary;
  seconds: { generate: number; csv: number; xlsx: number | null };
};

export function writeDistrictFiles(options: {
  rows: number;
  seed?: number;
  dir: string;
  xlsx: boolean;
}): GeneratedFiles {
  mkdirSync(options.dir, { recursive: true });
  const started = performance.now();
  const district = generateDistrict({ rows: options.rows, seed: options.seed });
  const rows = districtRows(district);
  const changed = changedVariant(district);
  const generated = performance.now();
  const file = (name: string) => path.join(options.dir, name);
  const csv = toCsv(rows);
  writeFileSync(file("district.csv"), csv);
  const changedCsv = toCsv(changed.rows);
  writeFileSync(file("district-changed.csv"), changedCsv);
  const written = performance.now();
  let xlsxBytes: number | null = null;
  if (options.xlsx) {
    const xlsx = toXlsx(rows);
    writeFileSync(file("district.xlsx"), xlsx);
    xlsxBytes = xlsx.byteLength;
  }
  const done = performance.now();
  const meta: GeneratedFiles = {
    dir: options.dir,
    seed: district.seed,
    csv: file("district.csv"),
    changedCsv: file("district-changed.csv"),
    xlsx: options.xlsx ? file("district.xlsx") : null,
    bytes: { csv: csv.byteLength, changedCsv: changedCsv.byteLength, xlsx: xlsxBytes },
    counts: countsOf(rows),
    change: changed.summary,
    seconds: {
      generate: (generated - started) / 1000,
      csv: (written - generated) / 1000,
      xlsx: options.xlsx ? (done - written) / 1000 : null,
    },
  };
  writeFileSync(file("meta.json"), JSON.stringify(meta, null, 2));
  return meta;
}

function cli() {
  const { values } = parseArgs({
    options: { rows: { type: "string" }, seed: { type: "string" }, out: { type: "string" }, xlsx: { type: "boolean" } },
    strict: true,
  });
  if (!values.out) throw new Error("Usage: generate.ts --out DIR [--rows N] [--seed N] [--xlsx]");
  const meta = writeDistrictFiles({
    rows: values.rows ? Number(values.rows) : DEFAULT_ROWS,
    seed: values.seed ? Number(values.seed) : undefined,
    dir: values.out,
    xlsx: values.xlsx ?? false,
  });
  process.stdout.write(`${JSON.stringify(meta)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) cli();
