import type { NextConfig } from "next";
import { securityHeaderRules } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  // rate-limiter-flexible loads drizzle-orm with a dynamic import at run time.
  // pg-boss (the job queue) opens its own pg pool and reads its files at run time.
  serverExternalPackages: ["@electric-sql/pglite", "rate-limiter-flexible", "pg-boss"],
  poweredByHeader: false,
  // nosniff, frame and referrer policy, Permissions-Policy (the CSP and HSTS: proxy.ts).
  async headers() {
    return securityHeaderRules();
  },
};

export default nextConfig;
