import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listApiTokens } from "@/db/queries/api-tokens";
import { listNightlySources } from "@/db/queries/nightly-sources";
import { findOrganizationById } from "@/db/queries/organizations";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { formatDateTime, kindLabel } from "@/lib/format";
import { MAX_THRESHOLD_PERCENT } from "@/lib/organizations/set-deactivation-threshold";
import { organizationDropRoot } from "@/lib/sources/resolve-drop-folder";
import { NOT_ENABLED, sourceCapabilities } from "@/lib/sources/source-capabilities";
import { timeZoneOptions } from "@/lib/time-zones";
import { deleteSourceAction, revokeTokenAction } from "./actions";
import { SourceForm } from "./_components/source-form";
import { TestNowButton } from "./_components/test-now-button";
import { TokenForm } from "./_components/token-form";
import { SignInSettingsForm } from "./_components/sign-in-settings-form";
import { getOrganizationSignInSettings } from "@/db/queries/sso";
import { configuredSsoProviders } from "@/lib/auth/sso-providers";
import { EmailDomainForm } from "./_components/email-domain-form";
import { TextLink } from "@/components/text-link";
import { ThresholdForm } from "./_components/threshold-form";

export const metadata: Metadata = { title: "Settings" };

const section = "rounded-lg border border-slate-200 bg-white p-5";
const smallButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50";

export default async function SettingsPage() {
  const { organization } = await requireAdmin();
  const db = await getDb();
  const [sources, tokens, signInSettings, settings] = await Promise.all([
    listNightlySources(db, organization.id),
    listApiTokens(db, organization.id),
    getOrganizationSignInSettings(db, organization.id),
    findOrganizationById(db, organization.id),
  ]);
  const providers = configuredSsoProviders();
  const capabilities = sourceCapabilities();
  const orgFolder = env.NIGHTLY_DROP_ROOT ? organizationDropRoot(env.NIGHTLY_DROP_ROOT, organization.slug) : null;
  const threshold = settings?.deactivationThresholdPercent ?? 10;
  const tz = organization.timeZone;

  return (
    <>
      <PageHeader
        title="Settings"
        description="When imports wait for your review, where your nightly SIS files come from, and the tokens your scripts send files with."
      />
      <nav aria-label="More settings" className="mb-6 flex gap-4 text-sm">
        <TextLink href="/admin/settings/privacy" className="font-medium">
          Data &amp; privacy
        </TextLink>
        <TextLink href="/admin/settings/audit" className="font-medium">
          Audit log
        </TextLink>
      </nav>

      <section className={section} aria-labelledby="threshold-heading">
        <h2 id="threshold-heading" className="text-base font-semibold">
          Imports
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          An import that would remove a large part of the roster is held instead of applied, so a file cut short never
          empties your classes. The threshold is now <strong data-testid="threshold">{threshold} %</strong>.
        </p>
        <div className="mt-4">
          <ThresholdForm current={threshold} max={MAX_THRESHOLD_PERCENT} />
        </div>
      </section>

      <section className={`${section} mt-6`} aria-labelledby="nightly-heading">
        <h2 id="nightly-heading" className="text-base font-semibold">
          Nightly sync
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Each night the server takes the newest file of each source and imports it (it applies unless it would remove
          more than your threshold, then it waits for your review). If no file has arrived by the expected time plus the
          grace period, Import Details says so and admins get one email that day.
          {capabilities.scheduled ? null : (
            <strong className="text-amber-800" data-testid="not-scheduled">
              {" "}
              {NOT_ENABLED.scheduled}
            </strong>
          )}
        </p>
        {sources.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">No sources yet: add one below.</p>
        ) : (
          <ul className="mt-4 divide-y divide-slate-100" data-testid="sources">
            {sources.map((source) => (
              <li key={source.id} className="py-3" data-testid="source">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="text-sm">
                    <p className="font-medium text-slate-900">
                      {source.name} <span className="font-normal text-slate-600">· {kindLabel(source.kind)}</span>
                    </p>
                    <p className="text-slate-600">
                      {source.type === "folder" ? (
                        <>
                          Folder <code>{source.folderPath || "/"}</code>, files <code>{source.filePattern || "*"}</code>
                        </>
                      ) : (
                        <>
                          <code className="break-all">{source.url}</code>
                          {source.credentialHeaderName ? <> · header {source.credentialHeaderName}: ••••••</> : null}
                        </>
                      )}
                    </p>
                    <p className="text-slate-600">
                      Expected by {source.expectedTime} {source.timeZone}, grace {source.graceMinutes} min
                    </p>
                    <LastCheck source={source} timeZone={tz} />
                  </div>
                  <div className="flex items-start gap-2">
                    <TestNowButton sourceId={source.id} name={source.name} />
                    <RowAction action={deleteSourceAction.bind(null, source.id)} label="Delete" name={source.name} />
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
        <h3 className="mb-3 mt-6 text-sm font-semibold text-slate-900">Add a source</h3>
        <SourceForm timeZone={tz} orgFolder={orgFolder} timeZones={timeZoneOptions()} capabilities={capabilities} />
      </section>

      <section className={`${section} mt-6`} aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="text-base font-semibold">
          API tokens
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          A token lets a script of your SIS or IT team send roster files to RosterSync without signing in; the
          RosterSync documentation shows them how. A token is shown once, when you create it: copy it then. Revoke a
          token you no longer use.
        </p>
        {tokens.length > 0 ? (
          <table className="mt-4 min-w-full text-left text-sm" data-testid="tokens">
            <thead className="text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th className="py-1 pr-4">Name</th>
                <th className="py-1 pr-4">Token</th>
                <th className="py-1 pr-4">Created</th>
                <th className="py-1 pr-4">Last used</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tokens.map((token) => (
                <tr key={token.id} data-testid="token">
                  <td className="py-2 pr-4">{token.name}</td>
                  <td className="py-2 pr-4 font-mono text-xs">{token.tokenPrefix}…</td>
                  <td className="py-2 pr-4">{formatDateTime(token.createdAt, tz)}</td>
                  <td className="py-2 pr-4">{token.lastUsedAt ? formatDateTime(token.lastUsedAt, tz) : "Never"}</td>
                  <td className="py-2 text-right">
                    {token.revokedAt ? (
                      <span className="text-slate-500">Revoked {formatDateTime(token.revokedAt, tz)}</span>
                    ) : (
                      <RowAction action={revokeTokenAction.bind(null, token.id)} label="Revoke" name={token.name} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <div className="mt-4">
          <TokenForm />
        </div>
      </section>

      <section className={`${section} mt-6`} aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading" className="text-base font-semibold">
          Sign-in
        </h2>
        {providers.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            Everyone signs in with a link sent to their work email. Single sign-on (Google, Microsoft, Clever,
            ClassLink) is not set up on this server; ask whoever runs RosterSync for your district.
          </p>
        ) : (
          <>
            <p className="mt-1 mb-4 text-sm text-slate-600">
              People sign in with {providers.map((p) => p.name).join(", ")} or a link sent to their work email. You can
              have staff sign in with one of them only: they then get no emailed links. Admins can always sign in with
              an emailed link.
            </p>
            <SignInSettingsForm providers={providers} current={signInSettings} />
          </>
        )}
      </section>

      <section className={`${section} mt-6`} aria-labelledby="sets-heading">
        <h2 id="sets-heading" className="text-base font-semibold">
          OneRoster, Clever and SDS sets
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Some exports (Microsoft SDS especially) give a teacher a username such as &ldquo;jdoe&rdquo; and no email.
          With a domain here, that teacher&rsquo;s email becomes jdoe@ and the domain; without one, each such teacher is
          listed on the import as a problem to fix and their classes are left as they are.
        </p>
        <div className="mt-4">
          <EmailDomainForm current={settings?.usernameEmailDomain ?? null} />
        </div>
      </section>
    </>
  );
}

/** A one-button form acting on one row ("Delete", "Revoke"), named for screen readers. */
function RowAction({
  action,
  label,
  name,
}: {
  action: (form: FormData) => Promise<void>;
  label: string;
  name: string;
}) {
  return (
    <form action={action}>
      <button type="submit" className={smallButton} aria-label={`${label} ${name}`}>
        {label}
      </button>
    </form>
  );
}

/** A source's last check, in words: when, what was found, and the import it made. */
function LastCheck({
  source,
  timeZone,
}: {
  source: {
    lastCheckedAt: Date | null;
    lastOutcome: string | null;
    lastMessage: string | null;
    lastImportId: string | null;
  };
  timeZone: string;
}) {
  if (!source.lastCheckedAt)
    return (
      <p className="text-slate-600" data-testid="last-check">
        Not checked yet.
      </p>
    );
  const when = `Checked ${formatDateTime(source.lastCheckedAt, timeZone)}: `;
  const error = source.lastOutcome === "error";
  return (
    <p
      className={error ? "text-red-800" : "text-slate-600"}
      data-testid="last-check"
      data-outcome={source.lastOutcome ?? ""}
      role="status"
    >
      {when}
      {source.lastOutcome === "imported" ? `imported ${source.lastMessage ?? "a file"}.` : null}
      {source.lastOutcome === "no_file" ? `no new file. ${source.lastMessage ?? ""}` : null}
      {error ? source.lastMessage : null}
      {source.lastImportId ? (
        <>
          {" "}
          <Link className="text-indigo-700 underline" href={`/admin/imports/${source.lastImportId}`}>
            Open the import
          </Link>
        </>
      ) : null}
    </p>
  );
}
