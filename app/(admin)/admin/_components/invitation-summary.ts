/**
 * The dashboard's sentence about staff invitations when there is nothing to link to: no active
 * staff at all (nobody to invite yet), or every one invited. Null when some still need one.
 */
export function invitationSummary(activeStaff: number, notInvited: number): string | null {
  if (activeStaff === 0) return "There are no staff yet: they appear here once you import a staff or combined file.";
  if (notInvited === 0) return "Every active staff member has been invited.";
  return null;
}
