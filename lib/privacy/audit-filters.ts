import { z } from "zod";
import type { AuditFilters } from "@/db/queries/audit";
import { AUDIT_CATEGORIES, isAuditCategory, type AuditCategory } from "./audit-actions";

// The Audit log page keeps its filters in the URL (`?category=…&from=YYYY-MM-DD&to=…&who=…`); the
// CSV download reads the same ones. Days are whole days in the organization's time zone.

export type AuditParams = { category?: AuditCategory; from?: string; to?: string; who?: string };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export function parseAuditParams(query: Record<string, string | string[] | undefined> | URLSearchParams): AuditParams {
  const get = (name: string) => {
    const value = query instanceof URLSearchParams ? query.get(name) : query[name];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
  const category = get("category");
  const from = day.safeParse(get("from"));
  const to = day.safeParse(get("to"));
  const who = z.uuid().safeParse(get("who"));
  return {
    ...(category && isAuditCategory(category) ? { category } : {}),
    ...(from.success ? { from: from.data } : {}),
    ...(to.success ? { to: to.data } : {}),
    ...(who.success ? { who: who.data } : {}),
  };
}

/** Midnight starting this local day in the time zone, as an instant. */
export function startOfLocalDay(isoDay: string, timeZone: string): Date {
  const utcMidnight = new Date(`${isoDay}T00:00:00Z`);
  // The zone's offset at that moment, read back from Intl; good to the minute away from DST switches.
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(utcMidnight);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  return new Date(utcMidnight.getTime() - (local - utcMidnight.getTime()));
}

export function auditFilters(params: AuditParams, timeZone: string): AuditFilters {
  const next = (isoDay: string) => {
    const date = new Date(`${isoDay}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + 1);
    return date.toISOString().slice(0, 10);
  };
  return {
    ...(params.category ? { actions: AUDIT_CATEGORIES[params.category].prefixes } : {}),
    ...(params.from ? { from: startOfLocalDay(params.from, timeZone) } : {}),
    ...(params.to ? { to: startOfLocalDay(next(params.to), timeZone) } : {}),
    ...(params.who ? { actorUserId: params.who } : {}),
  };
}
