import { getDb, migrateDatabase } from "@/db/client";
import { createOrganization } from "@/lib/organizations/create-organization";
import { required, type Command } from "../command";

export const orgCreate: Command = {
  summary: "create an organization and its first admin",
  usage: "org:create --name NAME --slug SLUG --admin EMAIL [--time-zone TZ]",
  options: {
    name: { type: "string" },
    slug: { type: "string" },
    admin: { type: "string" },
    "time-zone": { type: "string" },
  },
  async run({ values, out }) {
    const input = {
      name: required(values, "name"),
      slug: required(values, "slug"),
      adminEmail: required(values, "admin"),
      ...(typeof values["time-zone"] === "string" ? { timeZone: values["time-zone"] } : {}),
    };
    await migrateDatabase();
    const { organization, admin } = await createOrganization(await getDb(), input);
    out.result(
      {
        organization: {
          id: organization.id,
          name: organization.name,
          slug: organization.slug,
          timeZone: organization.timeZone,
        },
        admin: { email: admin.email },
      },
      [`Created organization "${organization.name}" (${organization.slug}) with admin ${admin.email}.`],
    );
    return 0;
  },
};
