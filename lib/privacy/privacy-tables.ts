// Every table of the database and what forgetting a person does to it. A test compares this list
// with the database catalog (lib/privacy/privacy-tables.int.test.ts), so a table added later
// fails the build until someone decides here how a forgotten person leaves it. Deleting an
// organization needs no such list: it finds every table with organization_id in the catalog.

export const PRIVACY_TABLES = {
  students: "the student's roster row is deleted",
  staff: "the staff member's roster row is deleted",
  enrollments: "the student's enrollments are deleted",
  teaching_assignments: "the staff member's teaching assignments are deleted",
  student_schools: "the student's school links are deleted",
  staff_schools: "the staff member's school links are deleted",
  school_counts: "a cache of numbers only; the organization's rows are dropped and recounted",
  schools: "no person data (school ids and the names admins gave them)",
  terms: "no person data",
  classes: "no person data (class ids, names, periods)",
  imports: "change samples that name the person are removed from plan_summary",
  import_issues: "issues whose message names the person are deleted",
  import_staged_rows: "the person's rows are removed from previews and held imports",
  import_undo_chunks:
    "the undo data of every import that changed the person is deleted (those imports can no longer be undone)",
  column_mappings: "no person data (header names)",
  invitations: "the staff member's invitations are deleted",
  memberships: "the staff member's membership in this organization is deleted",
  users: "the staff member's user is deleted unless they belong to another organization",
  accounts: "deleted with the user",
  sessions: "deleted with the user",
  verification_tokens: "sign-in links to the staff member's email are deleted with the user",
  email_outbox: "mail to the staff member and mail naming the person are deleted",
  rate_limits: "the staff member's invitation and sign-in counters are deleted",
  audit_log: "entries keep the act; details naming the person are removed, targets become a one-way reference",
  api_tokens: "no person data (token names, hashes)",
  nightly_sources: "no person data (where files come from)",
  organizations: "no person data (the district's name and settings)",
  job_heartbeats: "no person data (a running job's id and when its worker last beat)",
} as const satisfies Record<string, string>;

export type PrivacyTable = keyof typeof PRIVACY_TABLES;

/**
 * Undo data of an import (the tables the undo feature keeps per import id). Retention prunes
 * their rows of imports older than the undo limit; they go with their import in any case.
 * The undo tables add their names here (and a line to PRIVACY_TABLES).
 */
export const UNDO_TABLES: readonly string[] = ["import_undo_chunks"];
