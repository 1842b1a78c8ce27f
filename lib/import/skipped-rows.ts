// The sentence next to Apply about the rows an import leaves out: "2 rows will be skipped
// (1 blank student id, 1 invalid teacher email)". Every row error skips its row (docs/domain.md
// "Safety"); one row may have several, so the total counts rows and each reason counts its own.

/** Rows skipped for one reason: an issue code and the column it names (the file's header). */
export type SkipReason = { code: string; column: string | null; rows: number };
export type SkippedRows = { rows: number; reasons: SkipReason[] };

const UNKNOWN: Record<string, string> = {
  unknown_school: "an unknown school",
  unknown_class: "an unknown class",
  unknown_student: "an unknown student",
  unknown_teacher: "an unknown teacher",
  unknown_term: "an unknown term",
  unknown_reference: "an unknown class or student",
};

const PHRASES: Record<string, string> = {
  ragged_row: "with a missing or extra delimiter",
  control_character: "with an invisible character",
  cell_too_long: "with a value that is too long",
  conflicting_student: "contradicting an earlier row",
  conflicting_class: "contradicting an earlier row",
  conflicting_staff: "contradicting an earlier row",
  staff_conflict: "with a teacher matching two staff records",
  no_teacher_email: "with a teacher without an email",
  role_mismatch: "with a role the user does not have",
  duplicate_id: "with a repeated id",
};

/** One reason as the summary says it: "1 blank student id", "3 naming an unknown class". */
export function skipReasonPhrase({ code, column, rows }: SkipReason): string {
  const n = rows.toLocaleString("en-US");
  const field = column ? column.toLowerCase() : "value";
  if (code === "blank_value") return `${n} blank ${field}`;
  if (code === "invalid_value") return `${n} invalid ${field}`;
  if (UNKNOWN[code]) return `${n} naming ${UNKNOWN[code]}`;
  return `${n} ${PHRASES[code] ?? `with ${code.replaceAll("_", " ")}`}`;
}

/**
 * "2 rows will be skipped (1 blank student id, 1 invalid email)" before the decision, "… were
 * skipped …" after it; null when every row is used. Reasons that read alike are merged; the
 * largest come first, ties in alphabetical order.
 */
export function skippedRowsSentence(skipped: SkippedRows, pending: boolean): string | null {
  if (skipped.rows === 0) return null;
  const merged = new Map<string, number>();
  for (const reason of skipped.reasons) {
    const key = skipReasonPhrase({ ...reason, rows: 0 }).replace(/^0 /, "");
    merged.set(key, (merged.get(key) ?? 0) + reason.rows);
  }
  const reasons = [...merged]
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .map(([phrase, rows]) => `${rows.toLocaleString("en-US")} ${phrase}`);
  const verb = pending ? "will be skipped" : skipped.rows === 1 ? "was skipped" : "were skipped";
  const rows = `${skipped.rows.toLocaleString("en-US")} ${skipped.rows === 1 ? "row" : "rows"}`;
  return `${rows} ${verb} (${reasons.join(", ")})`;
}
