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
