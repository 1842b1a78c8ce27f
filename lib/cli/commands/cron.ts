import { getDb, migrateDatabase } from "@/db/client";
import { nightlyContextFromEnv } from "@/lib/sources/nightly-context";
import { runNightlySync } from "@/lib/sources/run-nightly-sync";
import type { Command } from "../command";

// `rostersync cron [--json]`: one nightly pass, as /api/cron/nightly runs it, without the HTTP
// route (a server's own crontab, or trying a source out). Exit 1 when any source had an error.

export const cronCommand: Command = {
  summary: "run one nightly pass over every organization's sources (as /api/cron/nightly does)",
  usage: "cron",
  options: {},
  async run({ out }) {
    await migrateDatabase();
    const lines = await runNightlySync(await getDb(), nightlyContextFromEnv());
    const human =
      lines.length === 0
        ? ["No nightly sources are configured."]
        : lines.map((line) => {
            const detail =
              line.outcome === "imported"
                ? `${line.file}: ${line.status?.replaceAll("_", " ")} (import ${line.importId})`
                : (line.message ?? "");
            const missing = line.missing
              ? ` — expected import missing for ${line.missing}${line.mailed ? `, ${line.mailed} admin(s) mailed` : ""}`
              : "";
            return `${line.organization} / ${line.source} (${line.kind}): ${line.outcome.replaceAll("_", " ")}${detail ? ` ${detail}` : ""}${missing}`;
          });
    const ok = lines.every((line) => line.outcome !== "error");
    out.result({ ok, sources: lines }, human);
    return ok ? 0 : 1;
  },
};
