import { z } from "zod";
import { ONE_LINE, emailSchema, hasControlCharacter } from "@/lib/validation";

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "A slug is 1–63 lower-case letters, digits or dashes, starting with a letter or digit",
  );

export const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "Unknown time zone (use an IANA name such as America/Chicago)");

export const createOrganizationSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "The organization needs a name")
    .max(200)
    .refine((name) => !hasControlCharacter(name), ONE_LINE),
  slug: slugSchema,
  adminEmail: emailSchema,
  timeZone: timeZoneSchema.optional(),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationSchema>;
