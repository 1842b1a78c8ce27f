import { ENTITY_TYPES, type EntityType, type ImportCounts } from "./plan-types";

// Counts as an admin reads them, for confirmations and success messages.

const NOUNS: Record<EntityType, [one: string, many: string]> = {
  schools: ["school", "schools"],
  terms: ["term", "terms"],
  classes: ["class", "classes"],
  students: ["student", "students"],
  staff: ["staff member", "staff members"],
  enrollments: ["enrollment", "enrollments"],
  assignments: ["teaching assignment", "teaching assignments"],
};
const LINKS = new Set<EntityType>(["enrollments", "assignments"]);

const noun = (type: EntityType, n: number) => NOUNS[type][n === 1 ? 0 : 1];
const number = (n: number) => n.toLocaleString("en-US");
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What an apply would take away, as a confirmation says it: "End 677 of 717 enrollments,
 * deactivate 10 of 40 classes". `unchanged` (per type) gives the "of N": the records in the
 * file's scope before the import. Empty when nothing would be ended or deactivated.
 */
export function destructiveSentence(counts: ImportCounts, unchanged?: Partial<Record<EntityType, number>>): string {
  const parts = ENTITY_TYPES.filter((type) => counts[type].deactivated > 0).map((type) => {
    const { deactivated, updated } = counts[type];
    const total = unchanged ? (unchanged[type] ?? 0) + updated + deactivated : null;
    const verb = LINKS.has(type) ? "end" : "deactivate";
    return `${verb} ${number(deactivated)}${total !== null ? ` of ${number(total)}` : ""} ${noun(type, total ?? deactivated)}`;
  });
  return capitalized(parts.join(", "));
}

/** Every change, for a success message: "12 enrollments added, 3 students updated, 2 classes deactivated". */
export function changesSentence(counts: ImportCounts): string {
  const parts: string[] = [];
  for (const type of ENTITY_TYPES) {
    const c = counts[type];
    if (c.created > 0) parts.push(`${number(c.created)} ${noun(type, c.created)} added`);
    if (c.updated > 0) parts.push(`${number(c.updated)} ${noun(type, c.updated)} updated`);
    if (c.reactivated > 0)
      parts.push(
        `${number(c.reactivated)} ${noun(type, c.reactivated)} ${LINKS.has(type) ? "restored" : "reactivated"}`,
      );
    if (c.deactivated > 0)
      parts.push(`${number(c.deactivated)} ${noun(type, c.deactivated)} ${LINKS.has(type) ? "ended" : "deactivated"}`);
  }
  return parts.length > 0 ? parts.join(", ") : "nothing changed";
}
