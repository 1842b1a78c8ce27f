import type { SetKind } from "../types";
import { addClass, addPerson, addSchool, isEmail, missingFile, usernameEmail, type SetOptions } from "./entities";
import type { SetFile } from "./set-files";
import { emptySetRoster, type SetRoster } from "./set-roster";
import { Columns, readSetTable, splitList, type ColumnSpec, type SetRow, type SetTable } from "./set-table";

// OneRoster 1.1 / 1.2 CSV (bulk and delta) and Microsoft SDS v2.1, which is OneRoster-shaped.
// The mapping rules are in docs/import-rules.md "OneRoster"; in short:
//   school  = an org of type "school" (district and other types are not schools);
//             school id = its identifier, else its sourcedId
//   class   = classes.csv: class id = sourcedId, name = title, period = periods,
//             term = title of its first term (termSourcedIds) found in academicSessions.csv
//   student / teacher = users.csv with role student / teacher (1.2 and SDS: roles.csv);
//             student id / staff id = identifier, else sourcedId (SDS v2.1: sourcedId)
//   enrollments.csv role student → enrollment, teacher → teaching assignment; others ignored
// status "tobedeleted" (and 1.0's "inactive") = absent in bulk files, removed in delta files.

const ORGS = {
  sourcedId: ["sourcedId", "sourceId", "sourced_id"],
  status: ["status"],
  name: ["name"],
  type: ["type", "orgType"],
  identifier: ["identifier"],
} as const satisfies ColumnSpec<string>;
const SESSIONS = {
  sourcedId: ["sourcedId", "sourceId"],
  status: ["status"],
  title: ["title", "name"],
} as const satisfies ColumnSpec<string>;
const CLASSES = {
  sourcedId: ["sourcedId", "sourceId"],
  status: ["status"],
  title: ["title", "name"],
  school: ["schoolSourcedId", "schoolSourceId", "orgSourcedId", "schoolId"],
  terms: ["termSourcedIds", "termSourcedId", "termSourceIds", "sessionSourcedIds", "sessionSourcedId"],
  periods: ["periods", "period"],
} as const satisfies ColumnSpec<string>;
const USERS = {
  sourcedId: ["sourcedId", "sourceId"],
  status: ["status"],
  role: ["role"],
  username: ["username", "userName"],
  givenName: ["givenName", "firstName", "givenname"],
  familyName: ["familyName", "lastName", "familyname"],
  identifier: ["identifier"],
  email: ["email", "emailAddress"],
  grades: ["grades", "grade"],
} as const satisfies ColumnSpec<string>;
const ROLES = {
  userSourcedId: ["userSourcedId", "userSourceId"],
  status: ["status"],
  role: ["role"],
  grade: ["grade", "grades"],
} as const satisfies ColumnSpec<string>;
const ENROLLMENTS = {
  sourcedId: ["sourcedId", "sourceId"],
  status: ["status"],
  classSourcedId: ["classSourcedId", "classSourceId", "classSourcedID"],
  userSourcedId: ["userSourcedId", "userSourceId", "userSourcedID"],
  role: ["role"],
} as const satisfies ColumnSpec<string>;

const GONE = new Set(["tobedeleted", "inactive", "deleted"]);
const isGone = (status: string) => GONE.has(status.toLowerCase().replace(/[^a-z]/g, ""));

type Dialect = { kind: SetKind; format: string; personId: "identifier" | "sourcedId" };

/** OneRoster's manifest.csv: its version and whether any file is a delta. */
export function readManifest(files: Map<string, SetFile>): { version: string | null; delta: boolean } {
  const manifest = files.get("manifest.csv");
  if (!manifest) return { version: null, delta: false };
  const table = readSetTable(manifest);
  const columns = new Columns(table, { name: ["propertyName"], value: ["value"] }, ["name", "value"], "the manifest");
  let version: string | null = null;
  let delta = false;
  for (const row of table.rows) {
    const name = columns.get(row, "name").toLowerCase();
    const value = columns.get(row, "value").toLowerCase();
    if (name === "oneroster.version") version = columns.get(row, "value");
    if (name.startsWith("file.") && value === "delta") delta = true;
  }
  return { version, delta };
}

export function readOneRoster(files: Map<string, SetFile>, options: SetOptions): SetRoster {
  const manifest = readManifest(files);
  const v12 = manifest.version?.startsWith("1.2") ?? files.has("roles.csv");
  return readOneRosterShaped(
    files,
    options,
    {
      kind: "oneroster",
      format: `OneRoster ${manifest.version ?? (v12 ? "1.2" : "1.1")}${manifest.delta ? " delta" : ""}`,
      personId: "identifier",
    },
    manifest.delta,
  );
}

export function readSdsV21(files: Map<string, SetFile>, options: SetOptions): SetRoster {
  return readOneRosterShaped(files, options, { kind: "sds", format: "SDS v2.1", personId: "sourcedId" }, false);
}

function readOneRosterShaped(
  files: Map<string, SetFile>,
  options: SetOptions,
  dialect: Dialect,
  delta: boolean,
): SetRoster {
  const roster = emptySetRoster(dialect.kind, dialect.format, delta);
  const table = (name: string, holds: string, required: boolean): SetTable | null => {
    const file = files.get(name.toLowerCase());
    if (!file) {
      if (required && !delta) throw missingFile(dialect.format, name, holds);
      return null;
    }
    const read = readSetTable(file);
    roster.rowCount += read.rows.length;
    return read;
  };
  const at = (t: SetTable, row: SetRow) => ({ file: t.file, row: row.row });

  // Schools: orgs of type school.
  const orgs = table("orgs.csv", "the schools", true);
  if (orgs) {
    const c = new Columns(orgs, ORGS, ["sourcedId", "type"], "the schools");
    for (const row of orgs.rows) {
      if (c.get(row, "type").toLowerCase() !== "school") continue;
      const ref = c.get(row, "sourcedId");
      if (isGone(c.get(row, "status"))) continue; // a school is never deactivated by a file
      const schoolId = (dialect.personId === "identifier" && c.get(row, "identifier")) || ref;
      addSchool(roster, { ref, schoolId, name: c.get(row, "name") }, at(orgs, row), c.name("sourcedId", ORGS));
    }
  }

  // Terms: academic sessions by sourcedId → title.
  const sessions = new Map<string, string>();
  const sessionTable = table("academicSessions.csv", "the terms of the classes", true);
  if (sessionTable) {
    const c = new Columns(sessionTable, SESSIONS, ["sourcedId", "title"], "the terms");
    for (const row of sessionTable.rows) {
      if (!isGone(c.get(row, "status"))) sessions.set(c.get(row, "sourcedId"), c.get(row, "title"));
    }
  }

  const classes = table("classes.csv", "the classes", true);
  if (classes) {
    const c = new Columns(classes, CLASSES, ["sourcedId", "title", "school", "terms"], "the classes");
    const columns = {
      classId: c.name("sourcedId", CLASSES),
      name: c.name("title", CLASSES),
      term: c.name("terms", CLASSES),
      school: c.name("school", CLASSES),
    };
    for (const row of classes.rows) {
      const classId = c.get(row, "sourcedId");
      if (isGone(c.get(row, "status"))) {
        if (delta && classId) roster.removed.classes.add(classId);
        continue;
      }
      const termRefs = splitList(c.get(row, "terms"));
      const termRef = termRefs.find((ref) => sessions.has(ref));
      if (termRefs.length > 0 && termRef === undefined) {
        roster.errorRows += 1;
        roster.issues.push({
          file: classes.file,
          row: row.row,
          column: columns.term,
          severity: "error",
          code: "unknown_term",
          message: `Class "${classId}" names term "${termRefs.join(", ")}", which is not in academicSessions.csv. The class was skipped.`,
        });
        if (classId) roster.rejected.classes.add(classId);
        continue;
      }
      addClass(roster, {
        classId,
        name: c.get(row, "title"),
        period: splitList(c.get(row, "periods")).join(", "),
        term: termRef === undefined ? (termRefs[0] ?? "") : (sessions.get(termRef) ?? ""),
        schoolRef: c.get(row, "school"),
        at: at(classes, row),
        columns,
      });
    }
  }

  // People: users.csv, with roles from its role column (1.1) or roles.csv (1.2, SDS v2.1).
  const users = table("users.csv", "the students and teachers", true);
  if (users) {
    const c = new Columns(users, USERS, ["sourcedId", "givenName", "familyName"], "the students and teachers");
    const roles = c.has("role") ? null : readRoles(table("roles.csv", "each user's role", true));
    const columns = {
      id: c.name(dialect.personId === "identifier" && c.has("identifier") ? "identifier" : "sourcedId", USERS),
      firstName: c.name("givenName", USERS),
      lastName: c.name("familyName", USERS),
      email: c.name("email", USERS),
    };
    for (const row of users.rows) {
      const ref = c.get(row, "sourcedId");
      const role = roles ? (roles.get(ref)?.role ?? "") : personRole(c.get(row, "role"));
      if (role === "") continue; // administrators, aides, guardians …: not part of the roster
      const identifier = dialect.personId === "identifier" ? c.get(row, "identifier") : "";
      if (isGone(c.get(row, "status"))) {
        if (delta && ref) {
          roster.removed.people.add(ref);
          const email = [c.get(row, "email"), c.get(row, "username")].map((e) => e.toLowerCase()).find(isEmail);
          roster.removedPeople.set(ref, {
            role,
            id: identifier || ref,
            email: email ?? usernameEmail(c.get(row, "username"), options.usernameEmailDomain),
          });
        }
        continue;
      }
      addPerson(
        roster,
        {
          ref,
          role,
          id: identifier || ref,
          // A teacher's staff id is the identifier (SDS v2.1: the sourcedId); blank: none.
          staffId: dialect.personId === "identifier" ? identifier || null : ref,
          firstName: c.get(row, "givenName"),
          lastName: c.get(row, "familyName"),
          emails: [c.get(row, "email")],
          username: c.get(row, "username"),
          grade: splitList(c.get(row, "grades"))[0] ?? roles?.get(ref)?.grade ?? "",
          at: at(users, row),
          columns,
        },
        options,
      );
    }
  }

  const enrollments = table("enrollments.csv", "which students and teachers are in each class", true);
  if (enrollments) {
    const c = new Columns(enrollments, ENROLLMENTS, ["classSourcedId", "userSourcedId", "role"], "the enrollments");
    const classColumn = c.name("classSourcedId", ENROLLMENTS);
    const personColumn = c.name("userSourcedId", ENROLLMENTS);
    for (const row of enrollments.rows) {
      const role = personRole(c.get(row, "role"));
      if (role === "") continue;
      const link = { classRef: c.get(row, "classSourcedId"), personRef: c.get(row, "userSourcedId") };
      if (isGone(c.get(row, "status"))) {
        if (delta) roster.removed.links.push({ ...link, role, at: at(enrollments, row) });
        continue;
      }
      roster.links.push({ ...link, role, at: at(enrollments, row), classColumn, personColumn });
    }
  }
  return roster;
}

/** OneRoster role → ours: students and teachers only. */
function personRole(role: string): "student" | "teacher" | "" {
  const value = role.toLowerCase().trim();
  if (value === "student") return "student";
  if (value === "teacher") return "teacher";
  return "";
}

/** roles.csv: each user's role (a student role wins over a teacher one) and grade. */
function readRoles(table: SetTable | null): Map<string, { role: "student" | "teacher"; grade: string }> {
  const roles = new Map<string, { role: "student" | "teacher"; grade: string }>();
  if (!table) return roles;
  const c = new Columns(table, ROLES, ["userSourcedId", "role"], "each user's role");
  for (const row of table.rows) {
    if (isGone(c.get(row, "status"))) continue;
    const role = personRole(c.get(row, "role"));
    if (role === "") continue;
    const user = c.get(row, "userSourcedId");
    const earlier = roles.get(user);
    if (!earlier || role === "student") roles.set(user, { role, grade: c.get(row, "grade") });
  }
  return roles;
}
