import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { unique } from "@/tests/support/factories";
import { signInAdapter } from "./sign-in-adapter";

// Issue 13 item 16: an older sign-in link stops working once a newer one is requested.

describe("sign-in links", () => {
  it("requesting a link revokes the address's earlier unused links, and only that address's", async () => {
    const adapter = signInAdapter(await getDb());
    const email = `ann-${unique()}@district.test`;
    const other = `ben-${unique()}@district.test`;
    const expires = new Date(Date.now() + 3_600_000);
    await adapter.createVerificationToken!({ identifier: email, token: "first", expires });
    await adapter.createVerificationToken!({ identifier: other, token: "others", expires });
    await adapter.createVerificationToken!({ identifier: email, token: "second", expires });

    expect(await adapter.useVerificationToken!({ identifier: email, token: "first" })).toBeNull();
    expect(await adapter.useVerificationToken!({ identifier: email, token: "second" })).toMatchObject({
      identifier: email,
      token: "second",
    });
    expect(await adapter.useVerificationToken!({ identifier: other, token: "others" })).toMatchObject({
      token: "others",
    });
  });
});
