import { getDb, migrateDatabase } from "@/db/client";
import { addAdmin } from "@/lib/organizations/add-admin";
import { required, type Command } from "../command";

export const adminAdd: Command = {
  summary: "make a person an admin of an organization",
  usage: "admin:add --org SLUG --email EMAIL",
  options: { org: { type: "string" }, email: { type: "string" } },
  async run({ values, out }) {
    const input = { slug: required(values, "org"), email: required(values, "email") };
    await migrateDatabase();
    const result = await addAdmin(await getDb(), input);
    out.result(
      {
        organization: { slug: input.slug.trim().toLowerCase() },
        admin: { email: result.email },
        created: result.created,
      },
      [
        result.created
          ? `${result.email} is now an admin of ${input.slug}.`
          : `${result.email} was already a member of ${input.slug}; they are an admin now.`,
      ],
    );
    return 0;
  },
};
