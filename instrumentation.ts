// Runs once when a Next.js server starts: check the environment, then apply committed
// migrations before serving.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("./lib/env");
  if (!env.AUTH_SECRET) {
    throw new Error("AUTH_SECRET is not set. Run `npx rostersync env:init` or set it yourself (openssl rand -base64 32).");
  }
  const { migrateDatabase } = await import("./db/client");
  await migrateDatabase();
}
