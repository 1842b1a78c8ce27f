import type { BadgeTone } from "@/components/badge";
import { invitationStatusText } from "@/lib/roster/invitation-status";

const TONES = new Map<string, BadgeTone>([
  ["accepted", "green"],
  ["invited", "indigo"],
  ["expired", "amber"],
  ["send_failed", "red"],
  ["not_invited", "slate"],
]);

/** How an invitation status reads on the roster, as a badge; an unknown status reads as itself. */
export function invitationLabel(status: string): { label: string; tone: BadgeTone } {
  return { label: invitationStatusText(status), tone: TONES.get(status) ?? "amber" };
}
