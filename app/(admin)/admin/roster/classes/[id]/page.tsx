import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Cell, DataTable } from "@/components/data-table";
import { ActiveBadge, Badge } from "@/components/badge";
import { getDb } from "@/db/client";
import { getClassDetail } from "@/db/queries/roster-classes";
import { requireAdmin } from "@/lib/auth/guards";
import { parseRecordId, rosterHref } from "@/lib/roster/list-params";
import { DetailList, Section } from "../../_components/detail-layout";
import { HistoryList } from "../../_components/history-list";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Class · Roster" };

export default async function ClassPage({ params }: { params: Promise<{ id: string }> }) {
  const { organization } = await requireAdmin();
  const id = parseRecordId((await params).id);
  const detail = id === null ? null : await getClassDetail(await getDb(), organization.id, id);
  if (!detail) notFound();
  const inClass = detail.students.filter((s) => s.enrollmentActive && s.active);
  const left = detail.students.filter((s) => !(s.enrollmentActive && s.active));
  return (
    <>
      <TextLink href="/admin/roster/classes" className="text-sm font-medium">
        ← Classes
      </TextLink>
      <div className="mt-3 mb-5 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{detail.name}</h1>
        <ActiveBadge active={detail.active} />
      </div>
      <DetailList
        items={[
          [
            "Class ID",
            <span key="id" className="font-mono">
              {detail.classId}
            </span>,
          ],
          ["Term", detail.term],
          ["Period", detail.period ?? "—"],
          ["School", detail.schoolName ? `${detail.schoolName} (${detail.schoolId})` : detail.schoolId],
        ]}
      />
      <Section title={`Teachers (${detail.teachers.filter((t) => t.assignmentActive).length})`}>
        {detail.teachers.length === 0 ? (
          <p className="text-sm text-slate-600">No teacher is assigned to this class.</p>
        ) : (
          <DataTable label="Teachers" columns={["Name", "Email", "Staff ID", "Status"]}>
            {detail.teachers.map((t) => (
              <tr key={t.id}>
                <Cell>
                  <TextLink href={rosterHref("/admin/roster/classes", {}, { teacher: t.id })} className="font-medium">
                    {t.firstName} {t.lastName}
                  </TextLink>
                </Cell>
                <Cell>{t.email}</Cell>
                <Cell className="font-mono text-xs">{t.staffId ?? "—"}</Cell>
                <Cell>
                  {t.assignmentActive ? (
                    <ActiveBadge active={t.active} />
                  ) : (
                    <Badge tone="slate">No longer teaches it</Badge>
                  )}
                </Cell>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      <Section title={`Students (${inClass.length})`}>
        {inClass.length === 0 ? (
          <p className="text-sm text-slate-600">No student is in this class now.</p>
        ) : (
          <StudentTable label="Students" students={inClass} />
        )}
      </Section>
      {left.length > 0 ? (
        <Section title={`Students who left (${left.length})`}>
          <StudentTable label="Students who left" students={left} />
        </Section>
      ) : null}
      <Section title="Imports that created or changed this class">
        <HistoryList history={detail.history} recordNoun="class" timeZone={organization.timeZone} />
      </Section>
    </>
  );
}

function StudentTable({
  label,
  students,
}: {
  label: string;
  students: { id: number; firstName: string; lastName: string; studentId: string; active: boolean }[];
}) {
  return (
    <DataTable label={label} columns={["Last name", "First name", "Student ID", "Status"]}>
      {students.map((s) => (
        <tr key={s.id}>
          <Cell>{s.lastName}</Cell>
          <Cell>{s.firstName}</Cell>
          <Cell>
            <TextLink href={`/admin/roster/students/${s.id}`} className="font-mono text-xs">
              {s.studentId}
            </TextLink>
          </Cell>
          <Cell>
            <ActiveBadge active={s.active} />
          </Cell>
        </tr>
      ))}
    </DataTable>
  );
}
