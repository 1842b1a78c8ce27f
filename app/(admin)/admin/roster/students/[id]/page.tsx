import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Cell, DataTable } from "@/components/data-table";
import { ActiveBadge } from "@/components/badge";
import { getDb } from "@/db/client";
import { getStudentDetail, type StudentClass } from "@/db/queries/roster-students";
import { requireAdmin } from "@/lib/auth/guards";
import { parseRecordId } from "@/lib/roster/list-params";
import { ClassCells, classCellLabels } from "../../_components/class-cells";
import { DetailList, Section } from "../../_components/detail-layout";
import { HistoryList } from "../../_components/history-list";
import { TextLink } from "@/components/text-link";

export const metadata: Metadata = { title: "Student · Roster" };

export default async function StudentPage({ params }: { params: Promise<{ id: string }> }) {
  const { organization } = await requireAdmin();
  const id = parseRecordId((await params).id);
  const detail = id === null ? null : await getStudentDetail(await getDb(), organization.id, id);
  if (!detail) notFound();
  const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: organization.timeZone });
  const current = detail.classes.filter((c) => c.current);
  const ended = detail.classes.filter((c) => !c.current);
  return (
    <>
      <TextLink href="/admin/roster/students" className="text-sm font-medium">
        ← Students
      </TextLink>
      <div className="mt-3 mb-5 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {detail.firstName} {detail.lastName}
        </h1>
        <ActiveBadge active={detail.active} />
      </div>
      <DetailList
        items={[
          [
            "Student ID",
            <span key="id" className="font-mono">
              {detail.studentId}
            </span>,
          ],
          ["Grade", detail.grade ?? "—"],
          ["Email", detail.email ?? "—"],
          ["Classes now", String(current.length)],
        ]}
      />
      <Section title={`Current classes (${current.length})`}>
        {current.length === 0 ? (
          <p className="text-sm text-slate-600">Not in any active class.</p>
        ) : (
          <ClassTable label="Current classes" classes={current} dateLabel="Since" date={(c) => day.format(c.since)} />
        )}
      </Section>
      <Section title={`Ended classes (${ended.length})`}>
        {ended.length === 0 ? (
          <p className="text-sm text-slate-600">No ended classes.</p>
        ) : (
          <ClassTable
            label="Ended classes"
            classes={ended}
            dateLabel="Ended"
            date={(c) => (c.endedAt ? day.format(c.endedAt) : "—")}
          />
        )}
      </Section>
      <Section title="Imports that created or changed this student">
        <HistoryList history={detail.history} recordNoun="student" timeZone={organization.timeZone} />
      </Section>
    </>
  );
}

function ClassTable({
  label,
  classes,
  dateLabel,
  date,
}: {
  label: string;
  classes: StudentClass[];
  dateLabel: string;
  date: (c: StudentClass) => string;
}) {
  return (
    <DataTable label={label} columns={[...classCellLabels, "Teachers", dateLabel]}>
      {classes.map((c) => (
        <tr key={c.id}>
          <ClassCells klass={c} />
          <Cell>{c.teachers ?? "—"}</Cell>
          <Cell className="whitespace-nowrap">{date(c)}</Cell>
        </tr>
      ))}
    </DataTable>
  );
}
