import { getDb, migrateDatabase } from "@/db/client";
import { enqueueNightlyPass } from "@/lib/sources/enqueue-nightly-pass";
import { nightlyContextFromEnv } from "@/lib/sources/nightly-context";
import type { Command } from "../command";

// `rostersync cron [--json]`: one nightly pass, as /api/cron/nightly runs it, without the HTTP
// route (a server's own crontab): one job per due source on the nightly queue, printed at once;
// the workers (`rostersync worker`, or the server's own) pull the sources.

export const cronCommand: Command = {
  summary: "enqueue one nightly pass over every organization's sources (as /api/cron/nightly does)",
  usage: "cron",
  options: {},
  async run({ out }) {
    await migrateDatabase();
    const lines = await enqueueNightlyPass(await getDb(), nightlyContextFromEnv());
    const queued = lines.filter((line) => line.outcome === "queued").length;
    const human =
      lines.length === 0
        ? ["No nightly sources are configured."]
        : [
            ...lines.map(
              (line) => `${line.organization} / ${line.source} (${line.kind}): ${line.outcome.replaceAll("_", " ")}`,
            ),
            `${queued} source(s) queued; the workers pull them.`,
          ];
    out.result({ ok: true, queued, sources: lines }, human);
    return 0;
  },
};
