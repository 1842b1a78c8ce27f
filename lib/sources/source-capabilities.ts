import { env } from "@/lib/env";

// What this server can do for nightly sources, as Settings shows it: an option the operator has
// not enabled is shown disabled with one plain sentence. The operator's side (which variable,
// how to make a key) is in the README, never on an admin page.

export type SourceCapabilities = {
  /** Drop folders need a drop root on the server. */
  dropFolders: boolean;
  /** A header credential is stored only encrypted, which needs the server's key. */
  credentials: boolean;
  /** The nightly pass is scheduled (it needs its secret). */
  scheduled: boolean;
};

/** The sentences an admin reads when the operator has not enabled something. */
export const NOT_ENABLED = {
  dropFolders: "Your RosterSync operator has not enabled drop folders.",
  credentials: "Your RosterSync operator has not enabled saved credentials, so a source cannot send one.",
  scheduled:
    "Your RosterSync operator has not scheduled the nightly pass yet: sources are pulled only when you press Test now.",
  privateNetwork: "Your RosterSync operator has not allowed addresses on a private or local network.",
} as const;

export function sourceCapabilities(
  settings: Partial<Record<"NIGHTLY_DROP_ROOT" | "SOURCE_CREDENTIALS_KEY" | "CRON_SECRET", string>> = env,
): SourceCapabilities {
  return {
    dropFolders: Boolean(settings.NIGHTLY_DROP_ROOT),
    credentials: Boolean(settings.SOURCE_CREDENTIALS_KEY),
    scheduled: Boolean(settings.CRON_SECRET),
  };
}
