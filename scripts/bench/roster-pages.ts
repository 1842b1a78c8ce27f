// `npm run bench:roster-pages -- --base http://localhost:3250`: the admin roster pages and My
// classes over HTTP, as a signed-in admin and a signed-in teacher, against a running server
// (`next start`) on the same PostgreSQL database (DATABASE_URL) — e.g. the 1M-enrollment
// district `npm run bench -- --rows 1000000 --steps first --keep` left behind.
//
//   npx tsx scripts/bench/roster-pages.ts --base URL [--org SLUG] [--runs N] [--json]
//
// It signs both people in by writing database sessions (an admin membership for
// roster-bench-admin@example.com, a staff membership for one teacher of the district, made by
// createStaffMembership), then fetches each page N times one after another (after 3 warm-up
// fetches) on loopback and prints the median, p95 and max time to the last byte. The sessions
// are deleted at the end. PostgreSQL only: PGlite serves one process, the server.

import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { sql, type SQL } from "drizzle-orm";
import { closeDb, getDb, getDriver, rowsOf } from "@/db/client";
import { COUNT_CAP, PAGE_SIZE } from "@/db/queries/roster-list";
import { sessions } from "@/db/schema/auth";
import { createStaffMembership } from "@/lib/invitations/create-staff-membership";
import { addAdmin } from "@/lib/organizations/add-admin";

const ADMIN_EMAIL = "roster-bench-admin@example.com";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function main() {
  const { values } = parseArgs({
    options: { base: { type: "string" }, org: { type: "string" }, runs: { type: "string" }, json: { type: "boolean" } },
  });
  const base = (values.base ?? "http://localhost:3250").replace(/\/$/, "");
  if (!/^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(base))
    throw new Error("--base must be a loopback http URL");
  const runs = Number(values.runs ?? 50);
  if ((await getDriver()) !== "postgres") throw new Error("set DATABASE_URL to the server's PostgreSQL database");
  const db = await getDb();
  const one = async <T>(query: SQL) => {
    const [row] = rowsOf<T>(await db.execute(query));
    if (!row) throw new Error("no roster to measure");
    return row;
  };
  const org = values.org
    ? await one<{ id: string; slug: string }>(sql`select id, slug from organizations where slug = ${values.org}`)
    : await one<{ id: string; slug: string }>(sql`
        select o.id, o.slug from organizations o join students s on s.organization_id = o.id
        group by o.id, o.slug order by count(*) desc limit 1`);
  const o = org.id;
  const student = await one<{ id: number; studentId: string; lastName: string }>(
    sql`select id::float8 as id, student_id as "studentId", last_name as "lastName" from students where organization_id = ${o} order by id offset (select count(*) / 2 from students where organization_id = ${o}) limit 1`,
  );
  const klass = await one<{ id: number; classId: string; schoolId: number; termId: number }>(
    sql`select id::float8 as id, class_id as "classId", school_id::float8 as "schoolId", term_id::float8 as "termId" from classes where organization_id = ${o} and active order by id offset (select count(*) / 2 from classes where organization_id = ${o}) limit 1`,
  );
  const teacher = await one<{ id: number; email: string }>(
    sql`select st.id::float8 as id, st.email from teaching_assignments a join staff st on st.id = a.staff_id
        where a.organization_id = ${o} and a.class_id = ${klass.id} and a.active and st.active limit 1`,
  );

  const admin = await addAdmin(db, { slug: org.slug, email: ADMIN_EMAIL }, "bench");
  const { userId: teacherUserId } = await createStaffMembership(db, o, { staffId: teacher.id, email: teacher.email });
  const tokens: string[] = [];
  const sessionFor = async (userId: string) => {
    const token = randomBytes(32).toString("hex");
    await db.insert(sessions).values({ sessionToken: token, userId, expires: new Date(Date.now() + 60 * 60 * 1000) });
    tokens.push(token);
    return `authjs.session-token=${token}`;
  };
  const adminCookie = await sessionFor(admin.userId);
  const teacherCookie = await sessionFor(teacherUserId);

  const lastPage = Math.ceil(COUNT_CAP / PAGE_SIZE);
  const pages: [string, string, string][] = [
    ["Schools", "/admin/roster/schools", adminCookie],
    ["Classes", "/admin/roster/classes", adminCookie],
    ["Classes, school + term", `/admin/roster/classes?school=${klass.schoolId}&term=${klass.termId}`, adminCookie],
    ["Classes, teacher", `/admin/roster/classes?teacher=${teacher.id}`, adminCookie],
    ["Classes, search class id", `/admin/roster/classes?q=${encodeURIComponent(klass.classId)}`, adminCookie],
    ["Classes, search name", "/admin/roster/classes?q=alg", adminCookie],
    ["Classes, inactive", "/admin/roster/classes?status=inactive", adminCookie],
    ["Class page", `/admin/roster/classes/${klass.id}`, adminCookie],
    ["Students", "/admin/roster/students", adminCookie],
    [`Students, page ${lastPage}`, `/admin/roster/students?page=${lastPage}`, adminCookie],
    ["Students, search id", `/admin/roster/students?q=${encodeURIComponent(student.studentId)}`, adminCookie],
    [
      "Students, search last name",
      `/admin/roster/students?q=${encodeURIComponent(student.lastName.slice(0, 3))}`,
      adminCookie,
    ],
    ["Students, search first + last", "/admin/roster/students?q=ana+gar", adminCookie],
    ["Students, all statuses", "/admin/roster/students?status=all", adminCookie],
    ["Student page", `/admin/roster/students/${student.id}`, adminCookie],
    ["Staff", "/admin/staff", adminCookie],
    ["Staff, search", "/admin/staff?q=smi", adminCookie],
    ["My classes (teacher)", "/my-classes", teacherCookie],
    ["My class roster (teacher)", `/my-classes/${klass.id}`, teacherCookie],
    ["CSV, classes of one school", `/admin/roster/classes/export?school=${klass.schoolId}`, adminCookie],
  ];

  const fetchOnce = async (path: string, cookie: string) => {
    const start = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    const ms = performance.now() - start;
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return ms;
  };

  const report: { page: string; path: string; medianMs: number; p95Ms: number; maxMs: number }[] = [];
  let bigCsv = { ms: 0, bytes: 0, status: 0 };
  try {
    for (const [page, path, cookie] of pages) {
      for (let i = 0; i < 3; i += 1) await fetchOnce(path, cookie);
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) times.push(await fetchOnce(path, cookie));
      times.sort((a, b) => a - b);
      report.push({ page, path, medianMs: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times.at(-1)! });
    }
    // One whole-district download: every student, streamed.
    const start = performance.now();
    const response = await fetch(`${base}/admin/roster/students/export?status=all`, {
      headers: { cookie: adminCookie },
    });
    const bytes = (await response.arrayBuffer()).byteLength;
    bigCsv = { ms: performance.now() - start, bytes, status: response.status };
  } finally {
    await db.execute(sql`delete from sessions where session_token = any(${sql.param(tokens)}::text[])`);
  }

  if (values.json) {
    process.stdout.write(`${JSON.stringify({ runs, report, bigCsv }, null, 2)}\n`);
  } else {
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`${runs} sequential requests per page after 3 warm-up ones, ${base}`);
    out("| page | median ms | p95 ms | max ms | p95 / 150 ms budget |");
    out("|---|---:|---:|---:|---:|");
    for (const r of report)
      out(
        `| ${r.page} | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${r.maxMs.toFixed(1)} | ${(r.p95Ms / 150).toFixed(2)} |`,
      );
    out(
      `CSV of every student (/admin/roster/students/export?status=all): ${bigCsv.status}, ${(bigCsv.bytes / 1e6).toFixed(1)} MB in ${(bigCsv.ms / 1000).toFixed(2)} s`,
    );
  }
  await closeDb();
}

main().catch(async (error: unknown) => {
  console.error(error);
  await closeDb();
  process.exit(1);
});
