import { z } from "zod";
import { UserFacingError } from "@/lib/errors";

/** An email address, trimmed and lower-cased: how every email is stored. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address"));

/** Parses input with a zod schema; the first problem becomes a UserFacingError naming the field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new UserFacingError(`${where}${issue?.message ?? "invalid input"}`, "invalid_input");
}

/**
 * C0 and C1 control characters and DEL: a line break, a tab, NUL and the invisible codes. None
 * belongs in a query parameter or in a name typed into a form (PostgreSQL cannot even store NUL).
 */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** What a name with a control character is told. */
export const ONE_LINE =
  "Use one line without tabs or invisible characters (a line break or a code pasted from another program)";

export const hasControlCharacter = (text: string) => new RegExp(CONTROL_CHARACTERS.source).test(text);

/** The text without control characters (a query parameter: `?q=%00` searches for nothing). */
export const withoutControlCharacters = (text: string) => text.replace(CONTROL_CHARACTERS, "");

/**
 * A name typed into a form (a school, a nightly source, an API token): trimmed, not blank, at most
 * `max` characters, on one line and without invisible codes, as the import refuses them in a file.
 */
export function editedNameSchema(what: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `Use at most ${max} characters`)
    .refine((name) => !hasControlCharacter(name), ONE_LINE);
}
