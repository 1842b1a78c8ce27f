// Runs once when a Next.js server starts: check the settings, apply committed migrations, mark
// imports a stopped server left "processing" failed, and start an in-process worker for the job
// queue (unless ROSTERSYNC_WORKER=off: workers then run apart, `rostersync worker`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // The per-IP sign-in limit needs the connection's address (lib/auth/client-ip.ts).
  const { recordPeerAddresses } = await import("./lib/http/peer-address");
  recordPeerAddresses();
  const { startupProblems } = await import("./lib/startup-check");
  const problems = startupProblems();
  if (problems.length > 0) {
    throw new Error(`RosterSync cannot start:\n- ${problems.join("\n- ")}`);
  }
  const { migrateDatabase } = await import("./db/client");
  await migrateDatabase();
  const { getDb } = await import("./db/client");
  const { failStoppedImports } = await import("./lib/import/interrupted-imports");
  const failed = await failStoppedImports(await getDb());
  if (failed > 0) {
    const { log } = await import("./lib/log");
    log.warn("imports interrupted by a stopped server were marked failed", { failed });
  }
  const { env } = await import("./lib/env");
  if (env.ROSTERSYNC_WORKER === "off") return;
  const { getBoss, releaseJobsOfStoppedProcess } = await import("./lib/jobs/boss");
  await releaseJobsOfStoppedProcess(await getBoss());
  const { runWorker } = await import("./lib/jobs/run-worker");
  await runWorker();
}
