// Runs once when a Next.js server starts: check the settings, then apply committed migrations
// before serving.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startupProblems } = await import("./lib/startup-check");
  const problems = startupProblems();
  if (problems.length > 0) {
    throw new Error(`RosterSync cannot start:\n- ${problems.join("\n- ")}`);
  }
  const { migrateDatabase } = await import("./db/client");
  await migrateDatabase();
}
