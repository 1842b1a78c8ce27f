import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { emailOutbox } from "@/db/schema/mail";

export type OutboxMessage = typeof emailOutbox.$inferSelect & { links: string[] };

/** Links in a plain-text body, in order. */
export function extractLinks(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"')]+/g)].map((m) => m[0]);
}

/** The newest messages of the dev outbox, optionally only those to one address. */
export async function listOutbox(options: { to?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(emailOutbox)
    .where(options.to ? eq(emailOutbox.to, options.to.trim().toLowerCase()) : undefined)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(options.limit ?? 50);
  return rows.map((row) => ({ ...row, links: extractLinks(row.text) }));
}
