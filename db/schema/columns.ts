import { uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

/** `organization_id NOT NULL`, deleted with its organization: on every district table. */
export const organizationIdColumn = () =>
  uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });
