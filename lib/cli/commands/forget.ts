import { getDb, migrateDatabase } from "@/db/client";
import { reportJson, reportLines } from "@/lib/privacy/deletion-report";
import { forgetPerson } from "@/lib/privacy/forget-person";
import { requireOrganization } from "@/lib/organizations/require-organization";
import { required, UsageError, type Command } from "../command";

// `rostersync forget student ID --org SLUG` / `forget staff EMAIL --org SLUG`: a person's data
// leaves every table of the organization; prints the deletion report.

export const forgetCommand: Command = {
  summary: "remove a student or staff member from every table of an organization (a deletion request)",
  usage: "forget student ID --org SLUG | forget staff EMAIL --org SLUG",
  options: { org: { type: "string" } },
  allowPositionals: true,
  async run({ values, positionals, out }) {
    const [kind, key, ...extra] = positionals;
    if (kind !== "student" && kind !== "staff")
      throw new UsageError(
        kind ? `Unknown kind "${kind}"; use student or staff` : "Name who: student ID or staff EMAIL",
      );
    if (!key?.trim()) throw new UsageError(kind === "student" ? "Missing the student id" : "Missing the staff email");
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
    const slug = required(values, "org");
    await migrateDatabase();
    const db = await getDb();
    const organization = await requireOrganization(db, slug);
    const report = await forgetPerson(
      db,
      organization.id,
      kind === "student" ? { kind, studentId: key } : { kind, email: key },
      { label: "cli" },
    );
    out.result({ ...reportJson(report), organization: organization.slug }, reportLines(report));
    return 0;
  },
};
