// The page and route rows of the tenancy matrix over HTTP (e2e/tenancy.spec.ts). Keys are the
// build's own names (`.next/server/app-paths-manifest.json`): a page or route handler the build
// has and this file does not fails the spec, and so does a row of a page that is gone. Server
// actions and route handlers are also called in-process with B's ids, as B's teacher and signed
// out (tests/tenancy/action-route-matrix.ts); the spec checks the build's actions against those rows.

/** The kinds of id organization B has; each is tried in every id slot and id filter. */
export const ID_TYPES = [
  "import",
  "school",
  "class",
  "student",
  "staff",
  "term",
  "invitation",
  "source",
  "token",
] as const;
export type IdType = (typeof ID_TYPES)[number];

/**
 * Who a page is for. admin: A's admin gets it (never B's data); B's teacher 404; signed out →
 * sign-in. staff: My classes; an admin without a staff role 404; a teacher sees only their own
 * classes. home: `/` sends everyone where they belong. public: the sign-in and invitation pages.
 */
export type Audience = "admin" | "staff" | "home" | "public";

export type PageRow =
  | {
      url: string;
      audience: Audience;
      /** The path's id segment (`[id]`) and the type of id it names. */
      slot?: { name: string; type: IdType };
      /** Query parameters that take ids (list filters, the school being edited). */
      idParams?: string[];
    }
  /** Why a page takes no request in the matrix. */
  | { skip: string };

export const PAGE_ROWS: Record<string, PageRow> = {
  "/page": { url: "/", audience: "home" },
  "/(admin)/admin/page": { url: "/admin", audience: "admin" },
  "/(admin)/admin/imports/page": { url: "/admin/imports", audience: "admin" },
  "/(admin)/admin/imports/new/page": { url: "/admin/imports/new", audience: "admin" },
  "/(admin)/admin/imports/[id]/page": {
    url: "/admin/imports/[id]",
    audience: "admin",
    slot: { name: "id", type: "import" },
  },
  "/(admin)/admin/imports/[id]/changes/page": {
    url: "/admin/imports/[id]/changes?type=students&change=created",
    audience: "admin",
    slot: { name: "id", type: "import" },
  },
  "/(admin)/admin/imports/[id]/undo/page": {
    url: "/admin/imports/[id]/undo",
    audience: "admin",
    slot: { name: "id", type: "import" },
  },
  "/(admin)/admin/roster/page": { url: "/admin/roster", audience: "admin" },
  "/(admin)/admin/roster/schools/page": {
    url: "/admin/roster/schools",
    audience: "admin",
    idParams: ["edit", "school"],
  },
  "/(admin)/admin/roster/classes/page": {
    url: "/admin/roster/classes",
    audience: "admin",
    idParams: ["school", "term", "teacher"],
  },
  "/(admin)/admin/roster/classes/[id]/page": {
    url: "/admin/roster/classes/[id]",
    audience: "admin",
    slot: { name: "id", type: "class" },
  },
  "/(admin)/admin/roster/students/page": {
    url: "/admin/roster/students",
    audience: "admin",
    idParams: ["school", "term", "teacher"],
  },
  "/(admin)/admin/roster/students/[id]/page": {
    url: "/admin/roster/students/[id]",
    audience: "admin",
    slot: { name: "id", type: "student" },
  },
  "/(admin)/admin/roster/staff/page": {
    url: "/admin/roster/staff",
    audience: "admin",
    idParams: ["school", "term", "teacher"],
  },
  "/(admin)/admin/settings/page": { url: "/admin/settings", audience: "admin" },
  "/(admin)/admin/settings/privacy/page": { url: "/admin/settings/privacy", audience: "admin" },
  "/(admin)/admin/settings/audit/page": { url: "/admin/settings/audit", audience: "admin" },
  "/(admin)/admin/staff/page": { url: "/admin/staff", audience: "admin", idParams: ["school"] },
  "/(staff)/my-classes/page": { url: "/my-classes", audience: "staff" },
  "/(staff)/my-classes/[classId]/page": {
    url: "/my-classes/[classId]",
    audience: "staff",
    slot: { name: "classId", type: "class" },
  },
  "/(auth)/invite/[token]/page": {
    url: "/invite/[token]",
    audience: "public",
    slot: { name: "token", type: "invitation" },
  },
  "/(auth)/sign-in/page": { url: "/sign-in", audience: "public" },
  "/(auth)/sign-in/check-email/page": { url: "/sign-in/check-email", audience: "public" },
  "/(auth)/sign-in/confirm/page": { url: "/sign-in/confirm", audience: "public" },
  "/(auth)/sign-in/error/page": { url: "/sign-in/error", audience: "public" },
  "/dev/outbox/page": {
    skip: "test-only mail viewer: 404 unless ROSTERSYNC_ENABLE_DEV_OUTBOX (lib/env.test.ts); it shows every organization's mail by design",
  },
  "/_not-found/page": { skip: "Next's not-found page (app/not-found.tsx): no data" },
  "/_global-error/page": { skip: "Next's built-in error page: no data" },
};

type Status = number | "sign-in";

/**
 * A route handler requested over HTTP: signed out, as B's teacher, and with a user's session
 * where the route wants another credential. The calls with B's ids as A's admin or A's token are
 * in the spec (issues.csv, exports, the push API's status URL, the cron route).
 */
export type RouteRow = { method: "GET" | "POST"; url: string; signedOut: Status; teacher: number; body?: string };

const CSV =
  "Term,School ID,Class Name,Class ID,Student First,Student Last,Student ID,Teacher First,Teacher Last,Teacher Email\n";

// The roster downloads are links a person clicks: signed out they send to sign-in, like pages
// (requireAdmin); the import routes answer 401 like an API (requireAdminForRoute).
export const ROUTE_ROWS: Record<string, RouteRow> = {
  "/(admin)/admin/imports/[id]/issues.csv/route": {
    method: "GET",
    url: "/admin/imports/[import]/issues.csv",
    signedOut: 401,
    teacher: 404,
  },
  "/(admin)/admin/imports/export/route": {
    method: "GET",
    url: "/admin/imports/export",
    signedOut: 401,
    teacher: 404,
  },
  "/(admin)/admin/settings/audit/export/route": {
    method: "GET",
    url: "/admin/settings/audit/export",
    signedOut: 401,
    teacher: 404,
  },
  "/(admin)/admin/imports/upload/route": {
    method: "POST",
    url: "/admin/imports/upload?kind=combined&name=x.csv",
    signedOut: 401,
    teacher: 404,
    body: CSV,
  },
  "/(admin)/admin/roster/classes/export/route": {
    method: "GET",
    url: "/admin/roster/classes/export?status=all",
    signedOut: "sign-in",
    teacher: 404,
  },
  "/(admin)/admin/roster/schools/export/route": {
    method: "GET",
    url: "/admin/roster/schools/export",
    signedOut: "sign-in",
    teacher: 404,
  },
  "/(admin)/admin/roster/staff/export/route": {
    method: "GET",
    url: "/admin/roster/staff/export?status=all",
    signedOut: "sign-in",
    teacher: 404,
  },
  "/(admin)/admin/roster/students/export/route": {
    method: "GET",
    url: "/admin/roster/students/export?status=all",
    signedOut: "sign-in",
    teacher: 404,
  },
  "/(admin)/admin/roster/oneroster/route": {
    method: "GET",
    url: "/admin/roster/oneroster",
    signedOut: 401,
    teacher: 404,
  },
  // Auth.js: the session endpoint answers the caller's own session (signed out: null).
  "/api/auth/[...nextauth]/route": { method: "GET", url: "/api/auth/session", signedOut: 200, teacher: 200 },
  "/api/cron/nightly/route": { method: "POST", url: "/api/cron/nightly", signedOut: 401, teacher: 401 },
  "/api/health/route": { method: "GET", url: "/api/health", signedOut: 200, teacher: 200 },
  "/api/v1/imports/route": {
    method: "POST",
    url: "/api/v1/imports?kind=combined&name=x.csv",
    signedOut: 401,
    teacher: 401,
    body: CSV,
  },
  "/api/v1/imports/[id]/route": { method: "GET", url: "/api/v1/imports/[import]", signedOut: 401, teacher: 401 },
  "/dev/expire-invitations/route": {
    method: "POST",
    url: "/dev/expire-invitations",
    signedOut: 401,
    teacher: 404,
    body: '{"email":"x@y.test"}',
  },
};
