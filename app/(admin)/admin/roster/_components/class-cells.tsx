import { Cell } from "@/components/data-table";
import type { ClassSummary } from "@/db/queries/class-summary";
import { TextLink } from "@/components/text-link";

/** The header labels of ClassCells, in order. */
export const classCellLabels = ["Class", "Class ID", "Period", "Term", "School"] as const;

/** A class's name (a link to its page), class id, period, term and school, as table cells. */
export function ClassCells({ klass }: { klass: ClassSummary }) {
  return (
    <>
      <Cell>
        <TextLink href={`/admin/roster/classes/${klass.id}`} className="font-medium">
          {klass.name}
        </TextLink>
      </Cell>
      <Cell className="font-mono text-xs">{klass.classId}</Cell>
      <Cell>{klass.period}</Cell>
      <Cell className="whitespace-nowrap">{klass.term}</Cell>
      <Cell>{klass.schoolName ?? klass.schoolId}</Cell>
    </>
  );
}
