// The rows of the tenancy matrix for server actions and route handlers (issue 8): for every
// action/route file under app/ and every export of it, how it is called with organization B's ids,
// or why it takes none. tests/tenancy/tenancy-matrix.int.test.ts runs these calls in-process;
// e2e/tenancy.spec.ts checks that every route and server action of the production build has a row
// here (so a new one cannot be missed). Plain TypeScript: both vitest and Playwright import it.

export type Ids = {
  importId: string;
  previewId: string;
  schoolId: number;
  staffId: number;
  invitationId: string;
  sourceId: string;
  tokenId: string;
  studentId: string;
};
type Module = Record<string, (...args: never[]) => Promise<unknown>>;
export type Call = (mod: Module, b: Ids) => Promise<unknown>;
/** A call with B's ids, or the reason the export takes no id of another organization. */
export type MatrixRow = Record<string, Call | string>;

export const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};
const call = (mod: Record<string, unknown>, name: string, ...args: unknown[]) =>
  (mod[name] as (...a: unknown[]) => Promise<unknown>)(...args);
export const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

const EXPORT = "exports the caller's organization only; B's ids as filters give nothing of B (checked in the test)";

/** Keys are paths below app/, as the build names them (`app/<key>`). "*" stands for every export. */
export const ACTION_ROUTE_MATRIX: Record<string, MatrixRow> = {
  "(admin)/admin/imports/actions.ts": {
    applyImportAction: (m, b) => call(m, "applyImportAction", b.previewId, {}, form({})),
    discardImportAction: (m, b) => call(m, "discardImportAction", b.previewId, {}, form({})),
    undoImportAction: (m, b) => call(m, "undoImportAction", b.importId, true, {}, form({})),
  },
  "(admin)/admin/imports/[id]/issues.csv/route.ts": {
    GET: (m, b) =>
      call(m, "GET", new Request(`http://localhost/admin/imports/${b.importId}/issues.csv`), idParams(b.importId)),
  },
  "(admin)/admin/imports/export/route.ts": { GET: EXPORT },
  "(admin)/admin/settings/audit/export/route.ts": { GET: EXPORT },
  "(admin)/admin/settings/privacy/actions.ts": {
    setRetentionAction: "changes the caller's organization's retention; takes no id of another",
    forgetPersonAction: async (m, b) => [
      await call(m, "forgetPersonAction", {}, form({ kind: "student", key: b.studentId, confirm: b.studentId })),
      await call(
        m,
        "forgetPersonAction",
        {},
        form({ kind: "staff", key: "t1.b01@district.test", confirm: "t1.b01@district.test" }),
      ),
    ],
    deleteOrganizationAction: "deletes the caller's organization only, confirmed by its name; takes no id of another",
  },
  "(admin)/admin/imports/upload/route.ts": {
    POST: "creates an import in the caller's organization; takes no id of another",
  },
  "(admin)/admin/roster/schools/actions.ts": {
    renameSchoolAction: (m, b) =>
      call(m, "renameSchoolAction", {}, form({ schoolId: String(b.schoolId), name: "Taken over" })),
  },
  "(admin)/admin/roster/classes/export/route.ts": { GET: EXPORT },
  "(admin)/admin/roster/schools/export/route.ts": { GET: EXPORT },
  "(admin)/admin/roster/staff/export/route.ts": { GET: EXPORT },
  "(admin)/admin/roster/students/export/route.ts": { GET: EXPORT },
  "(admin)/admin/roster/oneroster/route.ts": {
    GET: "exports the caller's organization's active roster as a OneRoster set; takes no id (checked in the test)",
  },
  "(admin)/admin/settings/actions.ts": {
    createSourceAction: "creates a source in the caller's organization; takes no id of another",
    createTokenAction: "creates a token in the caller's organization; takes no id of another",
    testSourceAction: (m, b) => call(m, "testSourceAction", b.sourceId, {}, form({})),
    deleteSourceAction: (m, b) => call(m, "deleteSourceAction", b.sourceId, form({})),
    revokeTokenAction: (m, b) => call(m, "revokeTokenAction", b.tokenId, form({})),
    saveSignInSettingsAction: "saves the caller's organization's sign-in settings; takes no id of another",
    saveEmailDomainAction: "saves the caller's organization's email domain for usernames; takes no id of another",
    saveThresholdAction: "saves the caller's organization's hold threshold; takes no id of another",
  },
  "(admin)/admin/staff/actions.ts": {
    staffAction: async (m, b) => {
      const answers = [];
      for (const intent of [
        "send-selected",
        `resend:${b.staffId}`,
        `revoke:${b.staffId}`,
        `deactivate:${b.staffId}`,
        `reactivate:${b.staffId}`,
      ]) {
        answers.push(
          await call(m, "staffAction", {}, form({ intent, staffId: String(b.staffId) })).catch((e: Error) => e),
        );
      }
      return answers;
    },
  },
  "(auth)/actions.ts": {
    requestSignInLinkAction: "sign-in: an email address, no organization ids",
    signOutAction: "signs the caller out; no ids",
    signInWithProviderAction: "sign-in: a provider's name, no organization ids",
  },
  "(auth)/invite/[token]/actions.ts": {
    "*": "invitation acceptance (by email or a provider): a secret token, no organization ids (token tests in lib/invitations, lib/auth/sso-sign-in.int.test.ts)",
  },
  "api/auth/[...nextauth]/route.ts": { GET: "Auth.js", POST: "Auth.js" },
  "api/cron/nightly/route.ts": {
    GET: "cron secret; walks every organization by design",
    POST: "cron secret; walks every organization by design",
  },
  "api/health/route.ts": { GET: "no data" },
  "api/v1/imports/route.ts": { POST: "API token: imports into the token's organization; takes no id of another" },
  "api/v1/imports/[id]/route.ts": { GET: "API token on another organization's import: checked in the test" },
  "dev/expire-invitations/route.ts": { POST: "test-only route (ROSTERSYNC_ENABLE_DEV_OUTBOX), no organization ids" },
};
