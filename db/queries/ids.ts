import { z } from "zod";

const uuid = z.uuid();

/**
 * Whether `value` is a uuid (every table's id). A query given anything else answers "not found"
 * without asking the database, which would refuse to compare it with a uuid column.
 */
export const isUuid = (value: string): boolean => uuid.safeParse(value).success;
