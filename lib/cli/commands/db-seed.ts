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
        `To sign in: open http://localhost:3000, enter ${DEMO_ORGANIZATION.adminEmail}, then open the link shown at`,
        "http://localhost:3000/dev/outbox (under `next dev`, mail stays there while RESEND_API_KEY is unset).",
      ],
    );
    return 0;
  },
};
