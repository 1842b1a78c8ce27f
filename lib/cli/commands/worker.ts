import { migrateDatabase } from "@/db/client";
import { isQueueName, queueNames, type QueueName } from "@/lib/jobs/queues";
import { runWorker } from "@/lib/jobs/run-worker";
import { UsageError, type Command } from "../command";

// `rostersync worker [--queues import,…] [--concurrency N]`: runs background jobs until SIGTERM
// or SIGINT, then finishes (or hands back) the jobs in hand and exits. Start as many as you like,
// on any machine that reaches the database (README "Workers").

export const workerCommand: Command = {
  summary: "run background jobs (imports, nightly pulls, mail) until stopped; start as many as you like",
  usage: "worker [--queues import,…] [--concurrency N]",
  options: { queues: { type: "string" }, concurrency: { type: "string" } },
  async run({ values, out }) {
    const queues = parseQueues(values.queues);
    const concurrency = parseConcurrency(values.concurrency);
    await migrateDatabase();
    const worker = await runWorker({
      queues,
      concurrency: concurrency ? Object.fromEntries(queues.map((queue) => [queue, concurrency])) : undefined,
      handleSignals: true,
    });
    out.note(`Worker running (${queues.join(", ")}); stop it with Ctrl-C or SIGTERM.`);
    await worker.stopped;
    out.result({ stopped: true, queues }, ["Worker stopped."]);
    return 0;
  },
};

function parseQueues(value: string | boolean | undefined): QueueName[] {
  if (typeof value !== "string") return queueNames;
  const names = value.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !isQueueName(name));
  if (unknown.length > 0)
    throw new UsageError(`Unknown queue ${unknown.join(", ")}; the queues are ${queueNames.join(", ")}.`);
  return names as QueueName[];
}

function parseConcurrency(value: string | boolean | undefined): number | undefined {
  if (typeof value !== "string") return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new UsageError("--concurrency must be 1 to 64");
  return count;
}
