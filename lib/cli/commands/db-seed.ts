import { getDb, migrateDatabase } from "@/db/client";
import { DEMO_ORGANIZATION, DEMO_ROSTER, seedDemo, seedDemoRoster } from "@/lib/demo/seed";
import type { Command } from "../command";

export const dbSeed: Command = {
  summary: `create the demo organization "${DEMO_ORGANIZATION.name}"; --roster also "${DEMO_ROSTER.name}" with a demo roster (idempotent)`,
  usage: "db:seed [--roster]",
  options: { roster: { type: "boolean" } },
  async run({ values, out }) {
    await migrateDatabase();
    const db = await getDb();
    const { organizationId, created } = await seedDemo(db);
    const roster = values.roster ? await seedDemoRoster(db) : undefined;
    out.result(
      {
        organization: { id: organizationId, slug: DEMO_ORGANIZATION.slug },
        admin: { email: DEMO_ORGANIZATION.adminEmail },
        created,
        ...(roster
          ? {
              roster: {
                organization: { id: roster.organizationId, slug: DEMO_ROSTER.slug },
                admin: { email: DEMO_ROSTER.adminEmail },
                import: roster.importStatus,
                teacher: { email: DEMO_ROSTER.teacherEmail },
              },
            }
          : {}),
      },
      [
        `${created ? "Created" : "Kept"} "${DEMO_ORGANIZATION.name}" (slug ${DEMO_ORGANIZATION.slug}); admin: ${DEMO_ORGANIZATION.adminEmail}.`,
        ...(roster
          ? [
              `"${DEMO_ROSTER.name}" (slug ${DEMO_ROSTER.slug}; admin ${DEMO_ROSTER.adminEmail}): ${DEMO_ROSTER.fileName} ${roster.importStatus.replaceAll("_", " ")};`,
              `its teacher ${DEMO_ROSTER.teacherEmail} can sign in to My classes.`,
            ]
          : []),
        `To sign in: open http://localhost:3000, enter ${DEMO_ORGANIZATION.adminEmail}${roster ? ` (or ${DEMO_ROSTER.adminEmail}, ${DEMO_ROSTER.teacherEmail})` : ""}, then open the link shown at`,
        "http://localhost:3000/dev/outbox (under `next dev`, mail stays there while RESEND_API_KEY is unset).",
      ],
    );
    return 0;
  },
};
