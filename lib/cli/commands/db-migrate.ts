import { getDriver, migrateDatabase } from "@/db/client";
import type { Command } from "../command";

export const dbMigrate: Command = {
  summary: "apply the committed migrations",
  usage: "db:migrate",
  options: {},
  async run({ out }) {
    await migrateDatabase();
    const driver = await getDriver();
    out.result({ migrated: true, driver }, [
      `Migrations applied (${driver === "pglite" ? "embedded PGlite" : "PostgreSQL"}).`,
    ]);
    return 0;
  },
};
