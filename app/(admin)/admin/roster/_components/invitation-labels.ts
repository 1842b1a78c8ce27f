import type { BadgeTone } from "@/components/badge";

/** How an invitation status reads on the roster; an unknown status reads as itself. */
export function invitationLabel(status: string): { label: string; tone: BadgeTone } {
  switch (status) {
    case "accepted":
      return { label: "Accepted", tone: "green" };
    case "invited":
      return { label: "Invited", tone: "indigo" };
    case "expired":
      return { label: "Invitation expired", tone: "amber" };
    case "not_invited":
      return { label: "Not invited", tone: "slate" };
    default:
      return { label: status.replaceAll("_", " "), tone: "amber" };
  }
}
