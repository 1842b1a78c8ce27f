import { getDb, migrateDatabase } from "@/db/client";
import { DEMO_ORGANIZATION, DEMO_ROSTER, seedDemo, seedDemoRoster } from "@/db/seed";
import type { Command } from "../main";

export const dbSeed: Command = {
  summary: `create the demo organization "${DEMO_ORGANIZATION.name}"; --roster also imports its demo roster (idempotent)`,
  usage: "db:seed [--roster]",
  options: { roster: { type: "boolean" } },
  async run({ values, out }) {
    await migrateDatabase();
    const db = await getDb();
    const { organizationId, created } = await seedDemo(db);
    const roster = values.roster ? await seedDemoRoster(db, organizationId) : undefined;
    out.result(
      {
        organization: { id: organizationId, slug: DEMO_ORGANIZATION.slug },
        admin: { email: DEMO_ORGANIZATION.adminEmail },
        created,
        ...(roster ? { roster: { import: roster.importStatus, teacher: { email: DEMO_ROSTER.teacherEmail } } } : {}),
      },
      [
        `${created ? "Created" : "Kept"} "${DEMO_ORGANIZATION.name}" (slug ${DEMO_ORGANIZATION.slug}); admin: ${DEMO_ORGANIZATION.adminEmail}.`,
        ...(roster
          ? [`Demo roster ${DEMO_ROSTER.fileName}: ${roster.importStatus.replaceAll("_", " ")}; teacher ${DEMO_ROSTER.teacherEmail} can sign in to My classes.`]
          : []),
        `To sign in: open http://localhost:3000, enter ${DEMO_ORGANIZATION.adminEmail}, then open the link shown at`,
        "http://localhost:3000/dev/outbox (under `next dev`, mail stays there while RESEND_API_KEY is unset).",
      ],
    );
    return 0;
  },
};
