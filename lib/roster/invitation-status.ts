/**
 * How a staff member's invitation status reads on the roster and in its CSV; an unknown status
 * reads as itself. (The roster page adds a badge colour: app/(admin)/admin/roster/_components.)
 */
export function invitationStatusText(status: string): string {
  switch (status) {
    case "accepted":
      return "Accepted";
    case "invited":
      return "Invited";
    case "expired":
      return "Invitation expired";
    case "send_failed":
      return "Sending failed";
    case "not_invited":
      return "Not invited";
    default:
      return status.replaceAll("_", " ");
  }
}
