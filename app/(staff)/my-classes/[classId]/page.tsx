import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Cell, DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { getDb } from "@/db/client";
import { getMyClassRoster } from "@/db/queries/my-classes";
import { requireStaff } from "@/lib/auth/guards";
import { parseRecordId } from "@/lib/roster/list-params";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Class roster" };

/** One of the teacher's own active classes; any other class id is 404. */
export default async function MyClassPage({ params }: { params: Promise<{ classId: string }> }) {
  const { organization, staffId } = await requireStaff();
  const id = parseRecordId((await params).classId);
  const roster = id === null ? null : await getMyClassRoster(await getDb(), organization.id, staffId, id);
  if (!roster) notFound();
  const c = roster.class;
  return (
    <>
      <TextLink href="/my-classes" className="inline-flex min-h-11 items-center text-sm font-medium">
        ← My classes
      </TextLink>
      <div className="mt-3">
        <PageHeader
          title={c.name}
          description={[
            c.period ? `Period ${c.period}` : null,
            c.schoolName ?? c.schoolId,
            c.term,
            `${roster.students.length} students`,
          ]
            .filter(Boolean)
            .join(" · ")}
        />
      </div>
      {roster.students.length === 0 ? (
        <p className="text-sm text-slate-600">No students are in this class yet.</p>
      ) : (
        <DataTable label="Students" columns={["Last name", "First name", "Student ID"]}>
          {roster.students.map((s) => (
            <tr key={s.studentId}>
              <Cell>{s.lastName}</Cell>
              <Cell>{s.firstName}</Cell>
              <Cell className="font-mono text-xs">{s.studentId}</Cell>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
