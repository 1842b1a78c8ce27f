// What each audit action means to an admin, and the groups the Audit log page filters by.

export const AUDIT_CATEGORIES = {
  imports: { label: "Import decisions", prefixes: ["import.apply", "import.discard"] },
  undo: { label: "Undo", prefixes: ["undo.", "import.undo"] },
  exports: {
    label: "Exports and downloads",
    prefixes: ["roster.exported", "import.issues_downloaded", "imports.exported", "audit.downloaded"],
  },
  invitations: { label: "Invitations", prefixes: ["invitation."] },
  signIns: { label: "Sign-ins", prefixes: ["user.signed_in"] },
  people: { label: "Roles and access", prefixes: ["admin.", "staff.", "organization.created"] },
  settings: { label: "Settings", prefixes: ["setting.", "school.renamed"] },
  privacy: { label: "Privacy (forget, retention)", prefixes: ["person.forgotten", "retention."] },
} as const;

export type AuditCategory = keyof typeof AUDIT_CATEGORIES;

export function isAuditCategory(value: string): value is AuditCategory {
  return Object.hasOwn(AUDIT_CATEGORIES, value);
}

const LABELS: Record<string, string> = {
  "import.apply": "Applied an import",
  "import.discard": "Discarded an import",
  "import.issues_downloaded": "Downloaded an import's issues",
  "imports.exported": "Downloaded the import history",
  "roster.exported": "Downloaded a roster list",
  "audit.downloaded": "Downloaded the audit log",
  "invitation.sent": "Sent an invitation",
  "invitation.resent": "Re-sent an invitation",
  "invitation.send_failed": "An invitation mail was refused",
  "invitation.revoked": "Revoked an invitation",
  "invitation.accepted": "Accepted an invitation",
  "invitation.accept_failed": "An invitation link did not work",
  "user.signed_in": "Signed in",
  "admin.added": "Made someone an admin",
  "staff.deactivated": "Turned off a staff member's access",
  "staff.reactivated": "Turned on a staff member's access",
  "organization.created": "Organization created",
  "school.renamed": "Renamed a school",
  "setting.source_added": "Added a nightly source",
  "setting.source_deleted": "Deleted a nightly source",
  "setting.token_created": "Created an API token",
  "setting.token_revoked": "Revoked an API token",
  "setting.retention_changed": "Changed how long data is kept",
  "setting.threshold_changed": "Changed the hold threshold",
  "person.forgotten": "Forgot a person (deletion request)",
  "retention.pruned": "Deleted data past its retention period",
};

/** "Applied an import"; an action without a label reads as itself ("undo.applied" → "undo applied"). */
export function auditActionLabel(action: string): string {
  return LABELS[action] ?? action.replaceAll(/[._]/g, " ");
}

const TARGETS: Record<string, string> = {
  import: "Import",
  staff: "Staff member",
  student: "Student",
  user: "User",
  school: "School",
  list: "Roster list",
  nightly_source: "Nightly source",
  api_token: "API token",
  organization: "Organization",
};

export function auditTargetLabel(type: string | null): string {
  return type ? (TARGETS[type] ?? type) : "";
}

/** An entry's details as one line ("previousStatus: held; sessionsEnded: 1"), ids left out. */
export function auditDetailsText(details: Record<string, unknown> | null): string {
  if (!details) return "";
  const text = (value: unknown): string =>
    value !== null && typeof value === "object"
      ? Object.entries(value as Record<string, unknown>)
          .map(([key, inner]) => `${key} ${text(inner)}`)
          .join(", ")
      : String(value);
  return Object.entries(details)
    .filter(([key]) => !/id$/i.test(key))
    .map(([key, value]) => `${key}: ${text(value)}`)
    .join("; ");
}
