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

const SHORT_NOUNS: Partial<Record<EntityType, [one: string, many: string]>> = {
  schools: ["school", "schools"],
  classes: ["class", "classes"],
  students: ["student", "students"],
  staff: ["staff", "staff"],
  enrollments: ["enrollment", "enrollments"],
};

/**
 * Import Details' one line per import, grouped by change: "+36 classes, 150 students added ·
 * 3 students updated · 2 classes deactivated, 40 enrollments ended". Schools (but a set's renamed
 * ones), terms and teaching assignments follow their classes and are left out. Empty when nothing counts.
 */
export function changesLine(counts: Partial<ImportCounts> | null): string {
  const types = Object.keys(SHORT_NOUNS) as EntityType[];
  const listed = (change: keyof ImportCounts[EntityType], verb: (type: EntityType) => string) => {
    const parts = types
      // A school only counts when a set renamed it; created and reactivated, it follows its classes.
      .filter((type) => type !== "schools" || change === "updated")
      .filter((type) => (counts?.[type]?.[change] ?? 0) > 0)
      .map((type) => {
        const n = counts?.[type]?.[change] ?? 0;
        const [one, many] = SHORT_NOUNS[type] ?? [type, type];
        return { type, text: `${number(n)} ${n === 1 ? one : many}` };
      });
    if (parts.length === 0) return null;
    // One verb for the group when every type takes it ("added"), else each its own ("ended").
    const verbs = new Set(parts.map((part) => verb(part.type)));
    if (verbs.size === 1) return `${parts.map((part) => part.text).join(", ")} ${[...verbs][0]}`;
    return parts.map((part) => `${part.text} ${verb(part.type)}`).join(", ");
  };
  const groups = [
    listed("created", () => "added"),
    listed("updated", () => "updated"),
    listed("reactivated", (type) => (LINKS.has(type) ? "restored" : "reactivated")),
    listed("deactivated", (type) => (LINKS.has(type) ? "ended" : "deactivated")),
  ];
  if (groups[0]) groups[0] = `+${groups[0]}`;
  return groups.filter((group): group is string => group !== null).join(" · ");
}
