// The whole schema, for drizzle() and drizzle-kit. Import tables from their own files elsewhere.
export * from "./auth";
export * from "./organizations";
export * from "./memberships";
export * from "./roster";
export * from "./imports";
export * from "./invitations";
export * from "./mail";
export * from "./api";
export * from "./sources";
export * from "./audit";
export * from "./rate-limits";
export * from "./jobs";
