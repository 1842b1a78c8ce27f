import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { AUTH_BODY_LIMIT, guardedAuthHandler } from "./auth-route";

const seen: { url: string; body: string }[] = [];
const recorder = guardedAuthHandler(async (request) => {
  seen.push({ url: request.url, body: await request.text() });
  return new Response("ok");
});
const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new NextRequest(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);

describe("Auth.js's endpoints", () => {
  it("stop reading a body past the limit and answer 413", async () => {
    seen.length = 0;
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(4096));
        if (pulled > 1000) controller.close();
      },
    });
    const response = await recorder(post("/api/auth/signin/email", endless));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(AUTH_BODY_LIMIT / 4096 + 3);
    expect(seen).toHaveLength(0);
    const declared = await recorder(
      post("/api/auth/signin/email", "x", { "content-length": String(AUTH_BODY_LIMIT + 1) }),
    );
    expect(declared.status).toBe(413);
  });

  it("hand Auth.js a callbackUrl that is a path of this app, in the query and in a form", async () => {
    seen.length = 0;
    await recorder(
      post("/api/auth/callback/email?callbackUrl=javascript%3Aalert(1)&token=t", "", {
        "content-type": "text/plain",
      }),
    );
    await recorder(
      post("/api/auth/signin/email", "email=a%40b.test&callbackUrl=http%3A%2F%2Fevil.test%2F", {
        "content-type": "application/x-www-form-urlencoded",
      }),
    );
    expect(new URL(seen[0]!.url).searchParams.get("callbackUrl")).toBe("/");
    expect(new URLSearchParams(seen[1]!.body).get("callbackUrl")).toBe("/");
    expect(new URLSearchParams(seen[1]!.body).get("email")).toBe("a@b.test");
  });

  it("turn a 500 or a thrown error into the sign-in error page", async () => {
    const five = guardedAuthHandler(async () => Response.json({ message: "configuration" }, { status: 500 }));
    const thrown = guardedAuthHandler(async () => {
      throw new Error("boom");
    });
    for (const handler of [five, thrown]) {
      const response = await handler(new NextRequest("http://localhost:3000/api/auth/callback/email?token=x"));
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/sign-in/error?error=Configuration");
    }
  });
});
