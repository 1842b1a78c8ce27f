// `npm run bench:roster-explain`: runs every admin roster list and detail query, and My classes,
// against the configured database (DATABASE_URL, e.g. the district `npm run bench -- --rows
// 1000000 --steps first --keep` left behind) and prints, per page and statement, the EXPLAIN
// ANALYZE summary: execution time, the scans, and any sequential scan of a roster table. Then
// the median and p95 of each query function called end to end, in-process.
//
//   npx tsx scripts/bench/roster-explain.ts [--org SLUG] [--runs N] [--json]
//
// Without --org it takes the organization with the most students. Read-only, except that the
// Schools list recounts its student-count cache when an import was applied since.

import { parseArgs } from "node:util";
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { closeDb, getDb, migrateDatabase, rowsOf, type Database, type Executor } from "@/db/client";
import { getMyClassRoster, listMyClasses } from "@/db/queries/my-classes";
import { getClassDetail, getClassFilterOptions, listClasses } from "@/db/queries/roster-classes";
import { COUNT_CAP, PAGE_SIZE } from "@/db/queries/roster-list";
import { listSchools } from "@/db/queries/roster-schools";
import { listStaff } from "@/db/queries/roster-staff";
import { getStudentDetail, listStudents } from "@/db/queries/roster-students";

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
};
type Explained = { statement: string; ms: number; jitMs: number; scans: string[]; seqScans: string[] };

/** Tables of more than 1,000 rows: a sequential scan of one means a missing index (a scan of a smaller table is the planner's cheapest choice). */
const bigTables = new Set<string>();
const dialect = new PgDialect();

function walk(node: PlanNode, into: PlanNode[] = []): PlanNode[] {
  into.push(node);
  for (const child of node.Plans ?? []) walk(child, into);
  return into;
}

/** An executor that EXPLAIN ANALYZEs every `execute` before running it for real. */
function explaining(db: Database, log: Explained[]): Executor {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "transaction") {
        return (run: (tx: Executor) => Promise<unknown>) =>
          target.transaction((tx) => run(explaining(tx as unknown as Database, log)));
      }
      if (prop !== "execute") return Reflect.get(target, prop, receiver);
      return async (query: SQL) => {
        const text = dialect.sqlToQuery(query).sql.replace(/\s+/g, " ").trim();
        if (!/^(select|with)\b/i.test(text)) return target.execute(query);
        const [row] = rowsOf<{
          "QUERY PLAN":
            | [{ Plan: PlanNode; "Execution Time": number; JIT?: { Timing?: { Total?: number | { Total?: number } } } }]
            | string;
        }>(await target.execute(sql`explain (analyze, format json) ${query}`));
        const raw = row?.["QUERY PLAN"];
        const plan = (typeof raw === "string" ? JSON.parse(raw) : raw)?.[0];
        if (plan) {
          const nodes = walk(plan.Plan).filter((n) => n["Relation Name"]);
          log.push({
            statement: text.slice(0, 90),
            ms: plan["Execution Time"],
            jitMs: jitTotal(plan.JIT?.Timing?.Total),
            scans: [...new Set(nodes.map((n) => `${n["Node Type"]} ${n["Index Name"] ?? n["Relation Name"]}`))],
            seqScans: [
              ...new Set(
                nodes
                  .filter((n) => n["Node Type"] === "Seq Scan" && bigTables.has(n["Relation Name"] ?? ""))
                  .map((n) => n["Relation Name"] ?? ""),
              ),
            ],
          });
        }
        return target.execute(query);
      };
    },
  }) as Executor;
}

/** JIT compile time (PostgreSQL 15 gives a number, later versions an object). */
const jitTotal = (total: number | { Total?: number } | undefined) =>
  typeof total === "number" ? total : (total?.Total ?? 0);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function main() {
  const { values } = parseArgs({
    options: { org: { type: "string" }, runs: { type: "string" }, json: { type: "boolean" } },
  });
  const runs = Number(values.runs ?? 20);
  await migrateDatabase();
  const db = await getDb();
  const one = async <T>(query: SQL) => {
    const [row] = rowsOf<T>(await db.execute(query));
    if (!row)
      throw new Error(
        "the database has no roster to measure: load one with npm run bench -- --rows 1000000 --steps first --keep",
      );
    return row;
  };
  const org = values.org
    ? await one<{ id: string }>(sql`select id from organizations where slug = ${values.org}`)
    : await one<{ id: string }>(
        sql`select organization_id as id from students group by organization_id order by count(*) desc limit 1`,
      );
  const o = org.id;
  for (const t of rowsOf<{ name: string }>(
    await db.execute(sql`select relname as name from pg_class where relkind = 'r' and reltuples > 1000`),
  )) {
    bigTables.add(t.name);
  }
  // Sample records from the middle of the district, so nothing is at an edge.
  const student = await one<{ id: number; studentId: string; lastName: string }>(
    sql`select id::float8 as id, student_id as "studentId", last_name as "lastName" from students where organization_id = ${o} order by id offset (select count(*) / 2 from students where organization_id = ${o}) limit 1`,
  );
  const klass = await one<{ id: number; classId: string; schoolId: number; termId: number }>(
    sql`select id::float8 as id, class_id as "classId", school_id::float8 as "schoolId", term_id::float8 as "termId" from classes where organization_id = ${o} order by id offset (select count(*) / 2 from classes where organization_id = ${o}) limit 1`,
  );
  const teacher = await one<{ staffId: number }>(
    sql`select staff_id::float8 as "staffId" from teaching_assignments where organization_id = ${o} and class_id = ${klass.id} and active limit 1`,
  );
  const counts = await one<Record<string, number>>(sql`select
    (select count(*)::int from schools where organization_id = ${o}) as schools, (select count(*)::int from classes where organization_id = ${o}) as classes,
    (select count(*)::int from students where organization_id = ${o}) as students, (select count(*)::int from staff where organization_id = ${o}) as staff,
    (select count(*)::int from enrollments where organization_id = ${o}) as enrollments`);
  const lastPage = Math.ceil(COUNT_CAP / PAGE_SIZE);

  const all = { q: "", status: "active" as const };
  const cases: [string, (x: Executor) => Promise<unknown>][] = [
    ["Schools, page 1", (x) => listSchools(x, o, { q: "" }, 1)],
    ["Classes, page 1", (x) => listClasses(x, o, all, 1)],
    ["Classes, filter menus", (x) => getClassFilterOptions(x, o)],
    ["Classes, filter menus for a school", (x) => getClassFilterOptions(x, o, { school: klass.schoolId })],
    [
      "Classes, school + term filter",
      (x) => listClasses(x, o, { ...all, school: klass.schoolId, term: klass.termId }, 1),
    ],
    ["Classes, teacher filter", (x) => listClasses(x, o, { ...all, teacher: teacher.staffId }, 1)],
    ["Classes, search by class id", (x) => listClasses(x, o, { ...all, q: klass.classId }, 1)],
    ["Classes, search by name word", (x) => listClasses(x, o, { ...all, q: "alg" }, 1)],
    ["Classes, inactive", (x) => listClasses(x, o, { ...all, status: "inactive" }, 1)],
    ["Class page", (x) => getClassDetail(x, o, klass.id)],
    ["Students, page 1", (x) => listStudents(x, o, all, 1)],
    [`Students, page ${lastPage} (the last one offered)`, (x) => listStudents(x, o, all, lastPage)],
    ["Students, search by id", (x) => listStudents(x, o, { ...all, q: student.studentId }, 1)],
    ["Students, search by last name", (x) => listStudents(x, o, { ...all, q: student.lastName.slice(0, 3) }, 1)],
    ["Students, search first + last", (x) => listStudents(x, o, { ...all, q: "ana gar" }, 1)],
    ["Students, search without accents", (x) => listStudents(x, o, { ...all, q: "zoe garcia" }, 1)],
    ["Students, search a common last name", (x) => listStudents(x, o, { ...all, q: "garcia" }, 1)],
    ["Students, all statuses", (x) => listStudents(x, o, { ...all, status: "all" }, 1)],
    ["Students, inactive", (x) => listStudents(x, o, { ...all, status: "inactive" }, 1)],
    ["Student page", (x) => getStudentDetail(x, o, student.id)],
    ["Staff, page 1", (x) => listStaff(x, o, all, 1)],
    ["Staff, search", (x) => listStaff(x, o, { ...all, q: "smi" }, 1)],
    ["My classes", (x) => listMyClasses(x, o, teacher.staffId)],
    ["My class roster", (x) => getMyClassRoster(x, o, teacher.staffId, klass.id)],
  ];

  const report: { page: string; statements: Explained[]; medianMs: number; p95Ms: number }[] = [];
  for (const [page, run] of cases) {
    const statements: Explained[] = [];
    await run(explaining(db, statements));
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const start = performance.now();
      await run(db);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    report.push({ page, statements, medianMs: percentile(times, 50), p95Ms: percentile(times, 95) });
  }

  // The first Schools view after an import recounts every school's students (the cache).
  const recounts: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    await db.execute(sql`delete from school_counts where organization_id = ${o}`);
    const start = performance.now();
    await listSchools(db, o, { q: "" }, 1);
    recounts.push(performance.now() - start);
  }
  recounts.sort((a, b) => a - b);
  const recountMs = percentile(recounts, 50);

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ counts, report, recountMs }, null, 2)}\n`);
  } else {
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(
      `district: ${Object.entries(counts)
        .map(([k, v]) => `${v.toLocaleString("en-US")} ${k}`)
        .join(", ")}`,
    );
    out("");
    out("| page / query | statements | slowest statement ms | seq scans of tables > 1,000 rows | median ms | p95 ms |");
    out("|---|---:|---:|---|---:|---:|");
    for (const r of report) {
      const seq = [...new Set(r.statements.flatMap((s) => s.seqScans))];
      out(
        `| ${r.page} | ${r.statements.length} | ${Math.max(...r.statements.map((s) => s.ms)).toFixed(2)} | ${seq.join(", ") || "none"} | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} |`,
      );
    }
    out("");
    out(
      `Schools, first view after an import (recounts the student-count cache): median of 3 ${recountMs.toFixed(0)} ms`,
    );
    out("");
    for (const r of report) {
      out(`${r.page}:`);
      for (const s of r.statements)
        out(
          `  ${s.ms.toFixed(2)} ms${s.jitMs ? ` (JIT ${s.jitMs.toFixed(1)} ms)` : ""}  ${s.scans.join("; ")}${s.seqScans.length ? `  ← SEQ SCAN ${s.seqScans.join(", ")}` : ""}`,
        );
    }
  }
  await closeDb();
}

main().catch(async (error: unknown) => {
  console.error(error);
  await closeDb();
  process.exit(1);
});
