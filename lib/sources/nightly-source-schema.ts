import { z } from "zod";
import { sourceType } from "@/db/schema/sources";
import { ANY_IMPORT_KINDS } from "@/lib/import/types";
import { ONE_LINE, hasControlCharacter } from "@/lib/validation";
import { isTimeZone, parseExpectedTime } from "./nightly-schedule";

// What an admin enters for a nightly source (Settings → Nightly sync), checked before anything
// is stored. Folder and URL details are checked further when the source is created.

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const nightlySourceSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Name the source")
      .max(100, "Keep the name under 100 characters")
      .refine((name) => !hasControlCharacter(name), ONE_LINE),
    kind: z.enum(ANY_IMPORT_KINDS, "Choose combined, staff, students or a OneRoster, Clever or SDS set"),
    type: z.enum(sourceType.enumValues, "Choose a drop folder or a URL"),
    folderPath: z.string().trim().max(500).default(""),
    filePattern: z.preprocess(blankToUndefined, z.string().trim().max(200).default("*")),
    url: z.string().trim().max(2000).default(""),
    credentialHeaderName: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(HEADER_NAME, "A header name is letters, digits and - (e.g. Authorization, X-API-Key)")
        .optional(),
    ),
    credentialHeaderValue: z.preprocess(blankToUndefined, z.string().max(4000).optional()),
    expectedTime: z
      .string()
      .trim()
      .refine((value) => parseExpectedTime(value) !== null, "Enter the expected time as HH:MM (24-hour clock)"),
    timeZone: z.string().trim().refine(isTimeZone, "Choose a time zone such as America/Chicago"),
    graceMinutes: z.coerce
      .number("Enter the grace period in minutes")
      .int()
      .min(0, "Grace is 0 to 720 minutes")
      .max(720, "Grace is 0 to 720 minutes"),
  })
  .refine((value) => value.type !== "url" || value.url !== "", {
    message: "Enter the file's https:// address",
    path: ["url"],
  })
  .refine((value) => !value.credentialHeaderValue || value.credentialHeaderName, {
    message: "Name the header the credential goes in",
    path: ["credentialHeaderName"],
  })
  .refine((value) => !value.credentialHeaderName || value.credentialHeaderValue, {
    message: "Enter the credential's value",
    path: ["credentialHeaderValue"],
  });

export type NightlySourceInput = z.input<typeof nightlySourceSchema>;
