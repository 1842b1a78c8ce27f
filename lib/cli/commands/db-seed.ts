import { getDb, migrateDatabase } from "@/db/client";
import { DEMO_ORGANIZATION, seedDemo } from "@/db/seed";
import type { Command } from "../main";

export const dbSeed: Command = {
  summary: `create the demo organization "${DEMO_ORGANIZATION.name}" (idempotent)`,
  usage: "db:seed",
  options: {},
  async run({ out }) {
    await migrateDatabase();
    const { organizationId, created } = await seedDemo(await getDb());
    out.result(
      { organization: { id: organizationId, slug: DEMO_ORGANIZATION.slug }, admin: { email: DEMO_ORGANIZATION.adminEmail }, created },
      [
        `${created ? "Created" : "Kept"} "${DEMO_ORGANIZATION.name}" (slug ${DEMO_ORGANIZATION.slug}); admin: ${DEMO_ORGANIZATION.adminEmail}.`,
      ],
    );
    return 0;
  },
};
