import { handlers } from "@/lib/auth/auth";
import { guardedAuthHandler } from "@/lib/auth/auth-route";

// Auth.js's endpoints, with a body limit, a safe callbackUrl and a clean error page (auth-route.ts).
export const GET = guardedAuthHandler(handlers.GET);
export const POST = guardedAuthHandler(handlers.POST);
