/** Joins class names, skipping the empty and false ones: `cn("a", open && "b")`. */
export function cn(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ");
}
