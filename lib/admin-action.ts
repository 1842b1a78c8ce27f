import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb, type Database } from "@/db/client";
import { requireAdmin, type AdminContext } from "@/lib/auth/guards";
import { UserFacingError } from "@/lib/errors";
import { errorReference, log } from "@/lib/log";

// The one way to write an admin server action (after nextjs/saas-starter's validatedActionWithUser):
//   export const renameSchoolAction = adminAction(schema, async (input, { db, organization }) => …, { what, … })
// 1. authorize: requireAdmin() (signed out → sign-in page; not an admin → 404); the organization
//    comes from the session, never from the form;
// 2. validate the form (and the bound ids) with the zod schema: a problem becomes field errors,
//    and the form gets its values back;
// 3. run the handler: a UserFacingError becomes its message; anything else is logged through the
//    one logger (lib/log.ts) with a reference, and the admin reads a generic message with it;
// 4. when the handler returned (with or without an error of its own: a send that failed for some
//    people changed their status), revalidate the given paths, then redirect if the handler asked
//    to and reported no error (both outside the try, so Next's redirect is never caught).
// Every action answers the same ActionState, which components show with <FormAlert> and
// <FieldError>.

export type ActionState<Data = unknown> = {
  /** What went wrong, for the admin: an expected failure's message, or a generic one with a reference. */
  error?: string;
  /** What was done. */
  message?: string;
  /** Lines under the message (one per person not invited, …). */
  details?: string[];
  /** Problems by form field. */
  fieldErrors?: Record<string, string[] | undefined>;
  /** The form's values, to fill it in again after an error. */
  values?: Record<string, string>;
  /** What the action produced for the page (a new token shown once, a test's outcome). */
  data?: Data;
};

type Context = AdminContext & { db: Database };
type Outcome<Data> = (ActionState<Data> & { redirectTo?: string }) | void;

type Options<Bound extends unknown[]> = {
  /** What the action does, for the log ("rename school"). */
  what: string;
  /** The schema's input, from the form and the bound arguments (default: the form's fields). */
  input?: (form: FormData, ...bound: Bound) => unknown;
  /** What an admin reads when the input does not parse (default: the first problem). */
  invalid?: string;
  /** What an admin reads when something unexpected failed; the reference is added. */
  failed?: string;
  /** Paths to revalidate after success. */
  revalidate?: string[];
  /** Form fields never given back (a password, a credential): the admin types them again. */
  secretFields?: string[];
};

/** The form's fields as strings, without Next's own `$ACTION_…` fields. */
export function formFields(form: FormData): Record<string, string> {
  return Object.fromEntries(
    [...form.entries()].filter(([key]) => !key.startsWith("$")).map(([key, value]) => [key, String(value)]),
  );
}

export function adminAction<Schema extends z.ZodType, Data = unknown, Bound extends unknown[] = []>(
  schema: Schema,
  handler: (input: z.output<Schema>, context: Context) => Promise<Outcome<Data>>,
  options: Options<Bound>,
): (...args: [...Bound, ActionState<Data>, FormData]) => Promise<ActionState<Data>> {
  return async (...args) => {
    const form = args[args.length - 1] as FormData;
    const bound = args.slice(0, -2) as Bound;
    const admin = await requireAdmin();
    const values = formFields(form);
    for (const field of options.secretFields ?? []) if (field in values) values[field] = "";
    const parsed = schema.safeParse(options.input ? options.input(form, ...bound) : formFields(form));
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
      const first = parsed.error.issues[0]?.message;
      return { error: options.invalid ?? first ?? "Check the form and try again.", fieldErrors, values };
    }
    let outcome: Outcome<Data>;
    try {
      outcome = await handler(parsed.data, { ...admin, db: await getDb() });
    } catch (error) {
      if (error instanceof UserFacingError) return { error: error.message, values };
      const reference = errorReference();
      log.error(`admin action failed: ${options.what}`, { organizationId: admin.organization.id, reference, error });
      return {
        error: `${options.failed ?? "Something went wrong. Try again"} (reference ${reference}).`,
        values,
      };
    }
    const { redirectTo, ...state } = outcome ?? {};
    for (const path of options.revalidate ?? []) revalidatePath(path);
    if (redirectTo && !state.error) redirect(redirectTo);
    return state;
  };
}

/**
 * The same for a form that posts without showing a state (a Delete or Revoke button): an expected
 * failure or anything unexpected is thrown after logging, and the page's error.tsx shows it.
 */
export function adminFormAction<Schema extends z.ZodType, Bound extends unknown[] = []>(
  schema: Schema,
  handler: (input: z.output<Schema>, context: Context) => Promise<void>,
  options: Omit<Options<Bound>, "invalid" | "failed" | "secretFields">,
): (...args: [...Bound, FormData]) => Promise<void> {
  const action = adminAction<Schema, never, Bound>(schema, async (input, context) => handler(input, context), options);
  return async (...args) => {
    const form = args[args.length - 1] as FormData;
    const bound = args.slice(0, -1) as Bound;
    const state = await action(...([...bound, {}, form] as unknown as [...Bound, ActionState<never>, FormData]));
    if (state.error) throw new UserFacingError(state.error, "admin_action_failed");
  };
}
